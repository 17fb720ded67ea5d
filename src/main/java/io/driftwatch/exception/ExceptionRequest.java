package io.driftwatch.exception;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new or edited exception. With {@code alertId}, scope, behaviour key and rule default to the alert's (scope: its
 * agent), the alert is accepted, and with {@code closeMatching} every other alert the exception covers that is still
 * worked on (open, in-review, acknowledged) is accepted too, in the same request.
 */
@Schema(description = "An exception: a behaviour accepted within a scope until it expires. owner, reason, ticket and "
        + "expiresAt are required; expiresAt at most driftwatch.exceptions.max-expiry (90d) ahead.")
public record ExceptionRequest(
        @Schema(enumeration = {"agent", "group", "workload", "image"}, description = "default with alertId: agent") String scope,
        @Schema(description = "agent id, agent group, image repository without tag (shop/web) or image digest (sha256:...)") String scopeValue,
        @Schema(description = "the alert's behaviourKey, e.g. lineage:/usr/bin/python3 -> /bin/bash") String behaviourKey,
        @Schema(description = "only this rule's alerts; omitted: any rule raising the behaviour key") String rule,
        @Schema(required = true, description = "the person or team accountable") String owner,
        @Schema(required = true) String reason,
        @Schema(required = true, description = "change or risk ticket") String ticket,
        @Schema(required = true) Instant expiresAt,
        @Schema(description = "revoked when a verified deployment record for its scope arrives; default driftwatch.exceptions.revoke-on-redeploy") Boolean revokeOnRedeploy,
        @Schema(description = "create from this alert and accept it") String alertId,
        @Schema(description = "with alertId: also accept every other alert the exception covers") Boolean closeMatching) {
}
