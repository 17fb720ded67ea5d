package io.driftwatch.engine;

/** Counters of one shard, readable from any thread. */
public record ShardStats(int shard, int queuedEvents, long processed, long duplicates, long late,
                         long dedupEarlyRotations, long rulesVersion, int agents, long ruleErrors) {
}
