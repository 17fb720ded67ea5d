package io.driftwatch.engine;

import java.util.List;
import java.util.Map;

import io.driftwatch.drift.ObservedChange;

/**
 * What one shard changed since the last checkpoint.
 *
 * @param baselines encoded baselines of agents that learned something, by agent id
 * @param observed  running configuration states that changed
 * @param session   the encoded {@link ShardSnapshot}, or null when the shard processed nothing since (or shares
 *                  agents with other instances)
 * @param agentSessions scale-out: each agent's encoded facts that changed, an empty array when none are left
 */
public record ShardCheckpoint(int shard, Map<String, byte[]> baselines, List<ObservedChange> observed, byte[] session,
                              Map<String, byte[]> agentSessions) {
}
