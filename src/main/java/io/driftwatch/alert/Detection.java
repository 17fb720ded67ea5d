package io.driftwatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one rule firing found, before deduplication into an alert.
 *
 * @param behaviourKey     deduplicates: one alert per agent, rule and behaviour key while it is worked on
 * @param behaviours       the baseline behaviours the detection cites; they stay quarantined until accepted
 * @param eventTime        event time of the newest evidence
 * @param enrichment       what enrichment rules decided, or null when none did
 * @param dedupWindow      the rule's {@code @dedupWindow}, or null for the configured default
 * @param suppressFor      the rule's {@code @suppressFor}, or null for the configured default
 */
public record Detection(String rule, String severity, String description, List<String> mitre, String agentId,
                        String behaviourKey, String summary, Map<String, Object> figures, List<Evidence> evidence,
                        List<String> behaviours, Instant eventTime, Enrichment enrichment, Duration dedupWindow,
                        Duration suppressFor) {

    public Detection(String rule, String severity, String description, List<String> mitre, String agentId,
                     String behaviourKey, String summary, Map<String, Object> figures, List<Evidence> evidence,
                     List<String> behaviours, Instant eventTime, Enrichment enrichment) {
        this(rule, severity, description, mitre, agentId, behaviourKey, summary, figures, evidence, behaviours,
                eventTime, enrichment, null, null);
    }

    /** The status its alert opens in. */
    public String status() {
        return enrichment == null ? Alert.OPEN : enrichment.status();
    }
}
