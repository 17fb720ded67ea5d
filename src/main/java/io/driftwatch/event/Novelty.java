package io.driftwatch.event;

import java.util.Set;

/**
 * A behaviour a mature agent has not shown within its baseline window (NEW), or one it showed before that
 * raised an alert and was never accepted (QUARANTINED). Rules decide whether it matters.
 */
public final class Novelty implements Deviation {

    public enum Status { NEW, QUARANTINED }

    private final String agentId;
    private final BehaviourKind kind;
    private final String key;
    private final Status status;
    private final long timestamp;
    private final Event event;
    private final Set<String> groups;
    private final double hourlyAverage;
    private final int knownCount;

    public Novelty(String agentId, BehaviourKind kind, String key, Status status, Event event, Set<String> groups,
                   double hourlyAverage, int knownCount) {
        this.agentId = agentId;
        this.kind = kind;
        this.key = key;
        this.status = status;
        this.timestamp = event.timeMillis();
        this.event = event;
        this.groups = groups;
        this.hourlyAverage = hourlyAverage;
        this.knownCount = knownCount;
    }

    public String getAgentId() { return agentId; }
    public BehaviourKind getKind() { return kind; }
    public String getKey() { return key; }
    public Status getStatus() { return status; }
    public long getTimestamp() { return timestamp; }
    public Event getEvent() { return event; }
    /** Agent groups the agent belongs to (allowlists may be scoped to a group). */
    public Set<String> getGroups() { return groups; }
    /** 7-day average of first-seen behaviours of this kind per hour, for this agent. */
    public double getHourlyAverage() { return hourlyAverage; }
    /** How many behaviours of this kind the agent's baseline knows. */
    public int getKnownCount() { return knownCount; }

    public String getBehaviourKey() {
        return kind.json() + ":" + key;
    }

    public boolean isQuarantined() {
        return status == Status.QUARANTINED;
    }

    @Override
    public String toString() {
        return "Novelty[" + agentId + " " + getBehaviourKey() + " " + status + "]";
    }
}
