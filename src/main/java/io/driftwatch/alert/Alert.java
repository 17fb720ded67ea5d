package io.driftwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deduplicated alert: one open alert per agent, rule and behaviour key, counting its occurrences.
 * Event times come from the events; {@code detectedAt}/{@code updatedAt} are processing times. A closed
 * alert carries its {@code resolution}.
 */
public record Alert(String id, String rule, String severity, String agentId, String behaviourKey, String status,
                    String description, List<String> mitre, String summary, long count, Instant firstEventTime,
                    Instant lastEventTime, Instant detectedAt, Instant updatedAt, Map<String, Object> figures,
                    List<String> behaviours, List<Evidence> evidence, Resolution resolution, Enrichment enrichment) {

    public static final String OPEN = "open";
    /** Explained by a verified deployment: kept for the record, not shown as work. */
    public static final String SUPPRESSED = "suppressed";
    /** Nothing explains it: the review queue. */
    public static final String IN_REVIEW = "in-review";

    /** How a closed alert was closed: its status, by whom, when and why. */
    public record Resolution(String status, String by, Instant at, String reason) {
    }

    Alert closed(Resolution r, Instant now) {
        return new Alert(id, rule, severity, agentId, behaviourKey, r.status(), description, mitre, summary, count,
                firstEventTime, lastEventTime, detectedAt, now, figures, behaviours, evidence, r, enrichment);
    }
}
