package io.driftwatch.alert;

import java.time.Instant;

/**
 * Closes the open alerts of one agent that cite one behaviour: a drifting setting went back to its approved
 * state ({@code resolved}) or its running state was approved ({@code accepted}).
 */
public record AlertClosure(String agentId, String behaviourKey, String status, String by, String reason, Instant at) {

    public static final String RESOLVED = "resolved";
    public static final String ACCEPTED = "accepted";
}
