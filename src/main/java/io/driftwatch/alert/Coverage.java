package io.driftwatch.alert;

import java.util.HashMap;
import java.util.Map;

/**
 * Events processed per agent and UTC day of their event time, counted by a shard over one batch and handed to
 * {@link DetectionListener#onCoverage} once per batch: the evidence report says which agents were watched, when.
 */
public final class Coverage {

    public record AgentDay(String agentId, long epochDay) {
    }

    private static final long DAY = 86_400_000L;

    private final Map<AgentDay, long[]> counts = new HashMap<>();
    private String lastAgent;
    private long lastDay = Long.MIN_VALUE;
    private long[] lastCell;

    /** One event; consecutive events of one agent and day cost a comparison and an increment. */
    public void count(String agentId, long eventMillis) {
        long day = Math.floorDiv(eventMillis, DAY);
        if (lastCell == null || day != lastDay || !agentId.equals(lastAgent)) {
            lastAgent = agentId;
            lastDay = day;
            lastCell = counts.computeIfAbsent(new AgentDay(agentId, day), k -> new long[1]);
        }
        lastCell[0]++;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The counts so far; starts again from nothing. */
    public Map<AgentDay, Long> drain() {
        Map<AgentDay, Long> out = new HashMap<>(counts.size() * 2);
        counts.forEach((k, v) -> out.put(k, v[0]));
        counts.clear();
        lastCell = null;
        return out;
    }
}
