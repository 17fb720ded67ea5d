package io.driftwatch.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a detection rule raised, before it becomes an alert. A consequence fills it in ({@link #because},
 * {@link #cite}, {@link #figure}, {@link #severity}); once that consequence ends it is a fact, so enrichment rules
 * ({@code rules/enrichment/}) can decide what it becomes: {@link #suppress suppressed} or {@link #tag tagged} when a
 * verified deployment explains it, {@link #escalate escalated} or put {@link #review in review} when nothing does.
 * The decision and its reason travel with the alert. The first decision taken stands.
 */
public final class Finding {

    /** What enrichment decided. NONE: the alert opens as the detection rule raised it. */
    public enum Decision { NONE, SUPPRESS, TAG, ESCALATE, REVIEW, EXCEPTION }

    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final String rule;
    private final String agentId;
    private final String behaviourKey;
    private String severity;
    private String summary;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Object> cited = new ArrayList<>();
    private Novelty novelty;
    private ConfigDrift drift;
    private long timestamp = Long.MIN_VALUE;
    private Decision decision = Decision.NONE;
    private String reason;
    private String deploymentId;
    private boolean approve;
    private String exceptionId;
    private final Set<String> agentGroups;
    private final Set<String> tags = new LinkedHashSet<>();

    public Finding(String rule, String agentId, String behaviourKey, String severity) {
        this(rule, agentId, behaviourKey, severity, Set.of());
    }

    /** @param agentGroups the agent groups ({@code rules/allowlists}) the agent belongs to */
    public Finding(String rule, String agentId, String behaviourKey, String severity, Set<String> agentGroups) {
        this.rule = rule;
        this.agentId = agentId;
        this.behaviourKey = behaviourKey;
        this.severity = severity;
        this.agentGroups = Set.copyOf(agentGroups);
    }

    // --- what a detection rule's consequence says ---

    /** A sentence a person reads: "7-day hourly average 1.3 new destinations; 11 in the last hour". */
    public Finding because(String text) {
        summary = text;
        return this;
    }

    /** Evidence: a fact (Novelty, ConfigDrift, ResourceSample, ApiRate, Event) or a collection of them. */
    public Finding cite(Object evidence) {
        if (evidence instanceof java.util.Collection<?> many) {
            many.forEach(this::cite);
            return this;
        }
        if (evidence == null) {
            return this;
        }
        cited.add(evidence);
        if (evidence instanceof Novelty n) {
            novelty = novelty == null ? n : novelty;
            timestamp = Math.max(timestamp, n.getTimestamp());
        } else if (evidence instanceof ConfigDrift d) {
            drift = drift == null ? d : drift;
            timestamp = Math.max(timestamp, d.getTimestamp());
        } else if (evidence instanceof ResourceSample s) {
            timestamp = Math.max(timestamp, s.getTimestamp());
        } else if (evidence instanceof ApiRate r) {
            timestamp = Math.max(timestamp, r.getTimestamp());
        } else if (evidence instanceof Event e) {
            timestamp = Math.max(timestamp, e.timeMillis());
        }
        return this;
    }

    /** A named baseline or observed figure. */
    public Finding figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Overrides the rule's {@code @severity}; an unknown value is ignored (and logged by the engine). */
    public Finding severity(String value) {
        if (SEVERITIES.contains(value)) {
            severity = value;
        } else {
            figures.put("ignoredSeverity", value);
        }
        return this;
    }

    // --- what enrichment rules decide ---

    /** Explained: stored as suppressed, with the reason; what it cites is learned, not quarantined. */
    public Finding suppress(String why, String deployment) {
        return decide(Decision.SUPPRESS, why, deployment);
    }

    /** Explained, but worth a look: opens one severity lower, tagged; what it cites is learned. */
    public Finding tag(String tag, String deployment) {
        if (decide(Decision.TAG, tag, deployment).decision == Decision.TAG) {
            tags.add(tag);
            severity = SEVERITIES.get(Math.max(0, SEVERITIES.indexOf(severity) - 1));
        }
        return this;
    }

    /** Unexplained configuration change: opens one severity higher. */
    public Finding escalate(String why) {
        if (decide(Decision.ESCALATE, why, null).decision == Decision.ESCALATE) {
            severity = SEVERITIES.get(Math.min(SEVERITIES.size() - 1, SEVERITIES.indexOf(severity) + 1));
        }
        return this;
    }

    /** Unexplained behaviour: goes to the review queue (status in-review). */
    public Finding review(String why) {
        return decide(Decision.REVIEW, why, null);
    }

    /**
     * Covered by an active exception: stored as suppressed, with the exception's id. Unlike a deployment's
     * suppression nothing is learned: the behaviour stays quarantined, so it alerts again once the exception ends.
     */
    public Finding except(String exception, String why) {
        if (decide(Decision.EXCEPTION, why, null).decision == Decision.EXCEPTION && exceptionId == null) {
            exceptionId = exception;
        }
        return this;
    }

    /** The running configuration the finding is about becomes the approved state (a declared change). */
    public Finding approveRunningState() {
        approve = drift != null;
        return this;
    }

    private Finding decide(Decision d, String why, String deployment) {
        if (decision == Decision.NONE) {
            decision = d;
            reason = why;
            deploymentId = deployment;
        }
        return this;
    }

    // --- what rules and the engine read ---

    public String getRule() { return rule; }
    public String getAgentId() { return agentId; }
    public String getBehaviourKey() { return behaviourKey; }
    public String getSeverity() { return severity; }
    public String getSummary() { return summary; }
    public Map<String, Object> getFigures() { return figures; }
    public List<Object> getCited() { return cited; }
    /** The first Novelty cited, or null: a behavioural finding. */
    public Novelty getNovelty() { return novelty; }
    /** The first ConfigDrift cited, or null: a configuration-drift finding. */
    public ConfigDrift getDrift() { return drift; }
    /** Event time of the newest evidence; Long.MIN_VALUE when none has a time. */
    public long getTimestamp() { return timestamp; }
    /** Agent groups of a behavioural finding's agent (allowlist groups), for deployment scopes. */
    public Set<String> getGroups() { return novelty == null ? Set.of() : novelty.getGroups(); }
    /** Agent groups of the finding's agent, whatever it cites (exception scopes). */
    public Set<String> getAgentGroups() { return agentGroups; }
    public Decision getDecision() { return decision; }
    public boolean isDecided() { return decision != Decision.NONE; }
    public String getReason() { return reason; }
    public String getDeploymentId() { return deploymentId; }
    public boolean isApprove() { return approve; }
    /** The exception that covers it, when the decision is EXCEPTION. */
    public String getExceptionId() { return exceptionId; }
    public Set<String> getTags() { return tags; }

    @Override
    public String toString() {
        return "Finding[" + rule + " " + agentId + " " + behaviourKey + " " + decision + "]";
    }
}
