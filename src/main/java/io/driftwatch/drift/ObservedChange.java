package io.driftwatch.drift;

import io.driftwatch.drift.ConfigObject.ObjectKey;

/**
 * The running state of one object as a config event left it, waiting for the next checkpoint.
 *
 * @param object the object as it now runs, or null when it is gone and nothing about it needs remembering
 */
public record ObservedChange(String agentId, ObjectKey objectKey, ConfigObject object, String actor, String eventId,
                             long time) {

    public record Key(String agentId, ObjectKey objectKey) {
    }

    public Key key() {
        return new Key(agentId, objectKey);
    }

    public boolean forgotten() {
        return object == null;
    }
}
