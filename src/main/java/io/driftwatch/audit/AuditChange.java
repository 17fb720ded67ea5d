package io.driftwatch.audit;

import java.util.Map;

/**
 * A change to append to the audit log: who did what to which subject, with details kept as JSON.
 *
 * @param action dotted, subject type first: {@code alert.created}, {@code rule.activated}, ...
 */
public record AuditChange(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {

    public static AuditChange of(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
        return new AuditChange(actor, action, subjectType, subjectId, details);
    }
}
