package io.driftwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one rule firing found, before deduplication into an alert.
 *
 * @param behaviourKey     deduplicates: one open alert per agent, rule and behaviour key
 * @param behaviours       the baseline behaviours the detection cites; they stay quarantined until accepted
 * @param eventTime        event time of the newest evidence
 * @param enrichment       what enrichment rules decided, or null when none did
 */
public record Detection(String rule, String severity, String description, List<String> mitre, String agentId,
                        String behaviourKey, String summary, Map<String, Object> figures, List<Evidence> evidence,
                        List<String> behaviours, Instant eventTime, Enrichment enrichment) {

    /** The status its alert opens in. */
    public String status() {
        return enrichment == null ? Alert.OPEN : enrichment.status();
    }
}
