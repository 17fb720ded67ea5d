package io.driftwatch.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftwatch.change.Acknowledgment;
import io.driftwatch.change.RecordParser;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.rules.RuleVersion;

/** The audit entries of the stores that record governance changes, built in one place so they read alike. */
public final class AuditTrails {

    private AuditTrails() {
    }

    public static AuditChange approval(ApprovedConfig.Approval a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("agentId", a.object().agentId());
        d.put("kind", a.object().kind());
        d.put("object", a.object().id());
        d.put("approvedAbsent", a.object().state() == null);
        d.put("reason", a.reason());
        d.put("sourceHash", a.sourceHash());
        return AuditChange.of(a.approvedBy(), AuditActions.APPROVAL_RECORDED, "config-object",
                a.object().agentId() + "/" + a.object().kind() + "/" + a.object().id(), d);
    }

    public static AuditChange ruleVersion(RuleVersion v, int files, String change) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", v.version());
        d.put("change", change);
        d.put("message", v.message());
        d.put("contentHash", v.contentHash());
        d.put("files", files);
        return AuditChange.of(v.author(), AuditActions.RULE_ACTIVATED, "rule-version", Long.toString(v.version()), d);
    }

    /** The signed body is evidence of its own; the entry names it by seq, id and chain hash. */
    public static AuditChange deployment(long seq, String id, String hash, String body) {
        RecordParser.Peek peek = RecordParser.peek(body);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seq", seq);
        d.put("recordHash", hash);
        d.put("pipeline", peek.pipeline());
        return AuditChange.of(peek.pipeline() == null ? "ci" : "pipeline:" + peek.pipeline(),
                AuditActions.DEPLOYMENT_RECORDED, "deployment", id, d);
    }

    public static AuditChange chainAcknowledged(Acknowledgment a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("break", a.kind().name());
        d.put("seq", a.seq());
        d.put("storedHash", a.storedHash());
        d.put("expectedHash", a.expectedHash());
        d.put("breakReason", a.breakReason());
        d.put("reason", a.reason());
        return AuditChange.of(a.author(), AuditActions.DEPLOYMENT_CHAIN_ACKNOWLEDGED, "deployment-chain",
                Long.toString(a.seq()), d);
    }
}
