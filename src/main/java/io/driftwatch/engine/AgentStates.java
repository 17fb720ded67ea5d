package io.driftwatch.engine;

import java.util.Collection;
import java.util.Map;

/**
 * Where a shard finds the checkpointed state of agents it has not seen in this run, when instances share agents
 * (scale-out): an agent's partition may have moved here from an instance that stopped or gave it up.
 */
public interface AgentStates {

    /** The stored state of each of {@code agentIds} that has any; agents never checkpointed are left out. */
    Map<String, AgentState> load(Collection<String> agentIds);
}
