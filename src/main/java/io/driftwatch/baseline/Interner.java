package io.driftwatch.baseline;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one String instance per distinct behaviour key across all agents: a fleet repeats the same lineages
 * and module hashes thousands of times, and baselines must grow with distinct behaviours, not with agents.
 */
public final class Interner {

    private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();

    public String intern(String key) {
        String existing = keys.get(key);
        if (existing != null) {
            return existing;
        }
        existing = keys.putIfAbsent(key, key);
        return existing == null ? key : existing;
    }

    public int size() {
        return keys.size();
    }
}
