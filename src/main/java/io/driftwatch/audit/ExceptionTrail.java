package io.driftwatch.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.driftwatch.exception.BehaviourException;
import io.driftwatch.exception.ExceptionChanged;

/**
 * Every exception created, edited, deleted, expired or revoked is an audit entry. Appended just after the change
 * commits (its own transaction): a crash in between loses the entry, never invents one.
 */
@ApplicationScoped
public class ExceptionTrail {

    private final AuditLog audit;

    public ExceptionTrail(AuditLog audit) {
        this.audit = audit;
    }

    void changed(@Observes ExceptionChanged e) {
        BehaviourException x = e.exception();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("change", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        d.put("scope", x.scope());
        d.put("scopeValue", x.scopeValue());
        d.put("behaviourKey", x.behaviourKey());
        d.put("rule", x.rule());
        d.put("owner", x.owner());
        d.put("reason", x.reason());
        d.put("ticket", x.ticket());
        d.put("expiresAt", x.expiresAt());
        d.put("status", x.status());
        d.put("endedReason", x.endedReason());
        audit.append(AuditChange.of(e.by(), AuditActions.EXCEPTION_CHANGED, "exception", x.id(), d));
    }
}
