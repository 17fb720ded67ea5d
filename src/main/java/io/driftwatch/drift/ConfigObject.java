package io.driftwatch.drift;

import java.util.Map;

/**
 * One configuration object of one agent (a cluster, a cloud account) in one state: approved or running.
 * {@code state} is the object as a JSON-like map (a Kubernetes manifest, or the cloud object's normalized
 * form); null when the object is absent.
 */
public record ConfigObject(String agentId, String kind, String id, String namespace, String name,
                           Map<String, Object> state) {

    public ObjectKey key() {
        return new ObjectKey(kind, id);
    }

    public boolean absent() {
        return state == null;
    }

    public ConfigObject withState(Map<String, Object> next) {
        return new ConfigObject(agentId, kind, id, namespace, name, next);
    }

    /** Which object, within one agent. */
    public record ObjectKey(String kind, String id) {
        @Override
        public String toString() {
            return kind + "/" + id;
        }
    }
}
