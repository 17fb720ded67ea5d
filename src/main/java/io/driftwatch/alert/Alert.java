package io.driftwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deduplicated alert: one open alert per agent, rule and behaviour key, counting its occurrences.
 * Event times come from the events; {@code detectedAt}/{@code updatedAt} are processing times.
 */
public record Alert(String id, String rule, String severity, String agentId, String behaviourKey, String status,
                    String description, List<String> mitre, String summary, long count, Instant firstEventTime,
                    Instant lastEventTime, Instant detectedAt, Instant updatedAt, Map<String, Object> figures,
                    List<String> behaviours, List<Evidence> evidence) {

    public static final String OPEN = "open";
}
