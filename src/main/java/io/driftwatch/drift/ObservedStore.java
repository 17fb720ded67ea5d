package io.driftwatch.drift;

/** Where a shard keeps the running state of configuration objects, so a restart resumes from it. */
public interface ObservedStore {

    /** Keeps nothing: for offline rule checks and benchmarks. */
    ObservedStore NONE = new ObservedStore() {
        @Override
        public void save(ConfigObject object, String actor, String eventId, long time) {
        }

        @Override
        public void forget(String agentId, ConfigObject.ObjectKey key) {
        }

        @Override
        public void approve(ApprovedConfig.Approval approval) {
        }
    };

    /** An approval the engine made itself (a change a verified deployment declared). */
    void approve(ApprovedConfig.Approval approval);

    void save(ConfigObject object, String actor, String eventId, long time);

    /** The object is gone and nothing about it is approved or drifting: nothing to remember. */
    void forget(String agentId, ConfigObject.ObjectKey key);
}
