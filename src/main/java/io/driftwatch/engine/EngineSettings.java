package io.driftwatch.engine;

import java.time.Duration;

/**
 * @param shards            engine shards, each one thread and one session; agents are hashed onto them
 * @param queueEvents       events waiting per shard before submissions are refused (backpressure)
 * @param allowedLateness   events older than the shard's newest event by more than this are counted late
 * @param dedupWindow       an event id seen again within this much event time is not processed twice
 * @param dedupCapacity     ids remembered per shard at most
 */
public record EngineSettings(int shards, int queueEvents, Duration allowedLateness, Duration dedupWindow,
                             int dedupCapacity) {

    public static EngineSettings defaults() {
        return new EngineSettings(Runtime.getRuntime().availableProcessors(), 200_000, Duration.ofMinutes(5),
                Duration.ofHours(1), 1_000_000);
    }
}
