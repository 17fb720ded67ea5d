package io.driftwatch.audit;

/** The actions the audit log records; each names its subject type first. */
public final class AuditActions {

    public static final String ALERT_CREATED = "alert.created";
    public static final String ALERT_SUPPRESSED = "alert.suppressed";
    /** Closed (resolved, accepted) or any later transition; details.status is the new status. */
    public static final String ALERT_STATUS_CHANGED = "alert.status-changed";
    public static final String APPROVAL_RECORDED = "approval.recorded";
    public static final String BASELINE_ACCEPTED = "baseline.accepted";
    public static final String RULE_ACTIVATED = "rule.activated";
    public static final String DEPLOYMENT_RECORDED = "deployment.recorded";
    public static final String DEPLOYMENT_CHAIN_ACKNOWLEDGED = "deployment.chain-acknowledged";
    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    public static final String EXCEPTION_CHANGED = "exception.changed";

    private AuditActions() {
    }
}
