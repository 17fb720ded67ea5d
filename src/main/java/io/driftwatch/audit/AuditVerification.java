package io.driftwatch.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of walking the audit log.
 *
 * @param entries     entries walked
 * @param lastSeq     the newest entry the head names
 * @param firstBroken the first break in chain order; null when intact
 */
public record AuditVerification(boolean intact, long entries, long lastSeq, String lastHash,
                                @JsonInclude(JsonInclude.Include.ALWAYS) AuditBreak firstBroken, Instant verifiedAt) {
}
