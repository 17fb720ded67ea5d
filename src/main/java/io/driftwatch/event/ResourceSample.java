package io.driftwatch.event;

/**
 * One resource reading of a mature agent that exceeds the agent's 7-day p99 for that metric. Readings at or
 * below the p99 never reach the rules; they end the current run, so consecutive samples of one run cover
 * an uninterrupted stretch of time above the p99.
 */
public final class ResourceSample implements Deviation {

    public static final String CPU = "cpu";
    public static final String EGRESS = "egress";

    private final String agentId;
    private final String metric;
    private final double value;
    private final double p99;
    private final long timestamp;
    private final long startTime;
    private final long runId;
    private final Event event;

    public ResourceSample(String agentId, String metric, double value, double p99, long startTime, long runId, Event event) {
        this.agentId = agentId;
        this.metric = metric;
        this.value = value;
        this.p99 = p99;
        this.timestamp = event.timeMillis();
        this.startTime = startTime;
        this.runId = runId;
        this.event = event;
    }

    public String getAgentId() { return agentId; }
    /** {@code cpu} (cores) or {@code egress} (bytes per second). */
    public String getMetric() { return metric; }
    public double getValue() { return value; }
    /** The agent's 7-day 99th percentile of this metric. */
    public double getP99() { return p99; }
    /** End of the interval the reading covers. */
    public long getTimestamp() { return timestamp; }
    /** Start of the interval the reading covers. */
    public long getStartTime() { return startTime; }
    /** Identifies an uninterrupted run of readings above the p99. */
    public long getRunId() { return runId; }
    public Event getEvent() { return event; }

    public String getUnit() {
        return CPU.equals(metric) ? "cores" : "bytes/s";
    }

    @Override
    public String toString() {
        return "ResourceSample[" + agentId + " " + metric + "=" + value + " p99=" + p99 + "]";
    }
}
