package io.driftwatch.exception;

import java.time.Instant;

import io.driftwatch.event.ExceptionEntry;

/**
 * An exception: a behaviour accepted within a scope, with an accountable owner, a reason, a ticket and an expiry.
 * While active it is a fact in every engine session ({@link ExceptionEntry}) and suppresses what it covers.
 *
 * @param scope           agent, group, workload or image
 * @param rule            only this rule's alerts; null: any rule raising the behaviour key
 * @param status          active, expired, revoked (a redeploy) or deleted
 * @param sourceAlertId   the alert it was accepted from, if any
 * @param endedBy         who or what ended it (a caller, {@code driftwatch} for expiry, {@code deployment:<id>})
 */
public record BehaviourException(String id, String scope, String scopeValue, String behaviourKey, String rule,
                                 String owner, String reason, String ticket, Instant expiresAt,
                                 boolean revokeOnRedeploy, String status, String sourceAlertId, String createdBy,
                                 Instant createdAt, String updatedBy, Instant updatedAt, String endedBy,
                                 Instant endedAt, String endedReason) {

    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
    public static final String DELETED = "deleted";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** What the rules see. */
    public ExceptionEntry fact() {
        return new ExceptionEntry(id, ExceptionEntry.Scope.fromJson(scope), scopeValue, behaviourKey, rule,
                expiresAt.toEpochMilli(), ticket);
    }

    BehaviourException ended(String how, String by, Instant at, String why) {
        return new BehaviourException(id, scope, scopeValue, behaviourKey, rule, owner, reason, ticket, expiresAt,
                revokeOnRedeploy, how, sourceAlertId, createdBy, createdAt, updatedBy, updatedAt, by, at, why);
    }
}
