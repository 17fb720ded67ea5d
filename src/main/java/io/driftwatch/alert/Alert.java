package io.driftwatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deduplicated alert: one alert per agent, rule and behaviour key while it is being worked on, counting its
 * occurrences. Event times come from the events; {@code detectedAt}/{@code updatedAt} are processing times. A closed
 * alert carries its {@code resolution}. Its states and the moves between them are {@link AlertStates}.
 *
 * @param count           every occurrence, including the suppressed ones
 * @param suppressedCount occurrences counted quietly: within the rule's {@code @suppressFor} window, or after the
 *                        alert was dismissed (see {@link AlertWindows}); they were not published again
 * @param history         the transitions, oldest first; on {@code GET /alerts/{id}}, null in lists
 */
public record Alert(String id, String rule, String severity, String agentId, String behaviourKey, String status,
                    String description, List<String> mitre, String summary, long count, Instant firstEventTime,
                    Instant lastEventTime, Instant detectedAt, Instant updatedAt, Map<String, Object> figures,
                    List<String> behaviours, List<Evidence> evidence, Resolution resolution, Enrichment enrichment,
                    long suppressedCount, List<Transition> history) {

    public static final String OPEN = "open";
    /** Someone is working on it. */
    public static final String ACKNOWLEDGED = "acknowledged";
    /** A true positive, dealt with. */
    public static final String RESOLVED = "resolved";
    /** A false positive. */
    public static final String DISMISSED = "dismissed";
    /** The behaviour is accepted: into the baseline, the approved configuration or an exception. */
    public static final String ACCEPTED = "accepted";
    /** Explained by a verified deployment or covered by an exception: kept for the record, not shown as work. */
    public static final String SUPPRESSED = "suppressed";
    /** Nothing explains it: the review queue. */
    public static final String IN_REVIEW = "in-review";

    /** How a closed alert was closed: its status, by whom, when and why. */
    public record Resolution(String status, String by, Instant at, String reason) {
    }

    Alert withStatus(String to, Resolution r, Instant now) {
        return new Alert(id, rule, severity, agentId, behaviourKey, to, description, mitre, summary, count,
                firstEventTime, lastEventTime, detectedAt, now, figures, behaviours, evidence, r, enrichment,
                suppressedCount, history);
    }

    Alert withHistory(List<Transition> transitions) {
        return new Alert(id, rule, severity, agentId, behaviourKey, status, description, mitre, summary, count,
                firstEventTime, lastEventTime, detectedAt, updatedAt, figures, behaviours, evidence, resolution,
                enrichment, suppressedCount, transitions);
    }
}
