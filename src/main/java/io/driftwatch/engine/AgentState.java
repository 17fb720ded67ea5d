package io.driftwatch.engine;

import java.util.List;

import io.driftwatch.drift.ConfigObject;

/**
 * What the last checkpoint holds of one agent: its encoded baseline, the running state of its configuration
 * objects, and its session's deviation facts ({@link FactCodec}). Any part may be absent.
 */
public record AgentState(String agentId, byte[] baseline, List<ConfigObject> observed, byte[] session) {
}
