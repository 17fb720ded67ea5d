package io.driftwatch.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.driftwatch.drift.ConfigObject.ObjectKey;

/**
 * The approved state of every configuration object, per agent, as the engine shards read it. Written by the
 * loader at start and by the approved-configuration API; read concurrently by the shards.
 */
public final class ApprovedConfig {

    /**
     * One approval: the object as approved (state null: approved as absent), who approved it, why, and the hash of
     * the file it was imported from, if any.
     */
    public record Approval(ConfigObject object, String approvedBy, String reason, Instant at, String sourceHash) {
    }

    private final Map<String, Map<ObjectKey, Approval>> byAgent = new ConcurrentHashMap<>();

    public Approval get(String agentId, ObjectKey key) {
        Map<ObjectKey, Approval> objects = byAgent.get(agentId);
        return objects == null ? null : objects.get(key);
    }

    /** The approved object, or null when nothing about it was approved. */
    ConfigObject object(String agentId, ObjectKey key) {
        Approval a = get(agentId, key);
        return a == null ? null : a.object();
    }

    public void put(Approval approval) {
        byAgent.computeIfAbsent(approval.object().agentId(), a -> new ConcurrentHashMap<>())
                .put(approval.object().key(), approval);
    }

    public List<Approval> of(String agentId) {
        Map<ObjectKey, Approval> objects = byAgent.get(agentId);
        return objects == null ? List.of() : new ArrayList<>(objects.values());
    }

    public List<String> agents() {
        return byAgent.keySet().stream().sorted().toList();
    }
}
