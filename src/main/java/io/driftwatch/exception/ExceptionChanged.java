package io.driftwatch.exception;

import java.time.Instant;

/**
 * CDI event fired after an exception changed and the change is committed. {@code by} is the caller for created,
 * updated and deleted; {@code driftwatch} for expired; {@code deployment:<record id>} for revoked.
 */
public record ExceptionChanged(Kind kind, BehaviourException exception, String by, Instant at) {

    public enum Kind { CREATED, UPDATED, DELETED, EXPIRED, REVOKED }
}
