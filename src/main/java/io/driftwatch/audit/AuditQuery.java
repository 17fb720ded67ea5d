package io.driftwatch.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log; null filters match everything. Entries come in chain order, after
 * {@code afterSeq} (the cursor).
 *
 * @param action      an action, or a prefix ending in {@code .} ({@code alert.})
 * @param subjectType with {@code subjectId} null: every subject of the type
 */
public record AuditQuery(Instant from, Instant to, String action, String actor, String subjectType, String subjectId,
                         long afterSeq, int limit) {
}
