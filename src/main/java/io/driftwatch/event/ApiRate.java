package io.driftwatch.event;

/**
 * The API call count of one principal on one agent (principal {@code *}: all principals of the agent) over the
 * last hour, handed to rules when it exceeds twice the 7-day hourly p99 (at least 2; the multiple is the
 * setting driftwatch.baseline.api-rate-gate); at most once a minute per principal.
 */
public final class ApiRate implements Deviation {

    public static final String ALL_PRINCIPALS = "*";

    private final String agentId;
    private final String principal;
    private final long callsLastHour;
    private final double hourlyAverage;
    private final double hourlyP99;
    private final long timestamp;
    private final Event event;

    public ApiRate(String agentId, String principal, long callsLastHour, double hourlyAverage, double hourlyP99, Event event) {
        this.agentId = agentId;
        this.principal = principal;
        this.callsLastHour = callsLastHour;
        this.hourlyAverage = hourlyAverage;
        this.hourlyP99 = hourlyP99;
        this.timestamp = event.timeMillis();
        this.event = event;
    }

    public String getAgentId() { return agentId; }
    public String getPrincipal() { return principal; }
    public long getCallsLastHour() { return callsLastHour; }
    public double getHourlyAverage() { return hourlyAverage; }
    public double getHourlyP99() { return hourlyP99; }
    public long getTimestamp() { return timestamp; }
    /** The call that pushed the count over the p99. */
    public Event getEvent() { return event; }

    @Override
    public String toString() {
        return "ApiRate[" + agentId + " " + principal + " " + callsLastHour + "/h p99=" + hourlyP99 + "]";
    }
}
