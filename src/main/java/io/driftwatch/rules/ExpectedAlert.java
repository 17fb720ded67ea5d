package io.driftwatch.rules;

import java.util.Comparator;
import java.util.Objects;

/**
 * One alert as a scenario's {@code expected.json} names it, and as the comparison sees a raised one: agent, rule,
 * behaviour key, severity and status (open, in-review, suppressed: what enrichment made of it). Ordered by those,
 * so sets of them print the same every run.
 */
public record ExpectedAlert(String agentId, String rule, String behaviourKey, String severity, String status)
        implements Comparable<ExpectedAlert> {

    private static final Comparator<ExpectedAlert> ORDER = Comparator.comparing(ExpectedAlert::agentId)
            .thenComparing(ExpectedAlert::rule)
            .thenComparing(ExpectedAlert::behaviourKey)
            .thenComparing(ExpectedAlert::severity)
            .thenComparing(ExpectedAlert::status);

    public ExpectedAlert {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(behaviourKey, "behaviourKey");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public int compareTo(ExpectedAlert other) {
        return ORDER.compare(this, other);
    }

    /** The line ScenarioTest prints: {@code agent | rule | behaviour key | severity | status}. */
    @Override
    public String toString() {
        return agentId + " | " + rule + " | " + behaviourKey + " | " + severity + " | " + status;
    }
}
