package io.driftwatch.drift;

/** Where a shard keeps the running state of configuration objects, so a restart resumes from it. */
public interface ObservedStore {

    /** Keeps nothing: for offline rule checks and benchmarks. */
    ObservedStore NONE = (object, actor, eventId, time) -> { };

    void save(ConfigObject object, String actor, String eventId, long time);
}
