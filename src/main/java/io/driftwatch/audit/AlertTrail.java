package io.driftwatch.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertChanges;
import io.driftwatch.outputs.WebhookOutbox;

/**
 * What an alert change leaves behind, in its own transaction: an audit entry and webhook deliveries for an alert
 * opened (created, suppressed, or queued for review) or closed. A recurrence only raises the alert's count and
 * newest evidence: it is neither audited nor sent (the alert row keeps the count; Kafka gets every update).
 */
@ApplicationScoped
public class AlertTrail implements AlertChanges {

    public static final String ENGINE = "driftwatch";

    private final AuditLog audit;
    private final WebhookOutbox webhooks;

    public AlertTrail(AuditLog audit, WebhookOutbox webhooks) {
        this.audit = audit;
        this.webhooks = webhooks;
    }

    @Override
    public void stored(Connection c, List<Alert> alerts, boolean closing, Instant now) throws SQLException {
        List<Alert> changed = closing ? alerts : alerts.stream().filter(a -> a.count() == 1).toList();
        if (changed.isEmpty()) {
            return;
        }
        webhooks.enqueue(c, changed, now);
        List<AuditChange> entries = new ArrayList<>(changed.size());
        for (Alert a : changed) {
            entries.add(closing ? closed(a) : opened(a));
        }
        audit.append(c, entries); // last: the head lock is the last lock this transaction takes
    }

    static AuditChange opened(Alert a) {
        Map<String, Object> d = summary(a);
        if (a.enrichment() != null) {
            d.put("decision", a.enrichment().decision());
            d.put("reason", a.enrichment().reason());
            d.put("deploymentId", a.enrichment().deploymentId());
        }
        String action = Alert.SUPPRESSED.equals(a.status()) ? AuditActions.ALERT_SUPPRESSED : AuditActions.ALERT_CREATED;
        return AuditChange.of(ENGINE, action, "alert", a.id(), d);
    }

    static AuditChange closed(Alert a) {
        Map<String, Object> d = summary(a);
        String by = ENGINE;
        if (a.history() != null && !a.history().isEmpty()) {
            // the move just made: who made it and why, also for moves that keep no resolution (acknowledged)
            io.driftwatch.alert.Transition t = a.history().get(a.history().size() - 1);
            by = t.by() == null ? ENGINE : t.by();
            d.put("from", t.from());
            d.put("reason", t.reason());
        } else if (a.resolution() != null) {
            by = a.resolution().by() == null ? ENGINE : a.resolution().by();
            d.put("reason", a.resolution().reason());
        }
        return AuditChange.of(by, AuditActions.ALERT_STATUS_CHANGED, "alert", a.id(), d);
    }

    private static Map<String, Object> summary(Alert a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", a.rule());
        d.put("severity", a.severity());
        d.put("agentId", a.agentId());
        d.put("behaviourKey", a.behaviourKey());
        d.put("status", a.status());
        d.put("count", a.count());
        d.put("firstEventTime", a.firstEventTime());
        return d;
    }
}
