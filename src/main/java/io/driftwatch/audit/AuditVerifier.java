package io.driftwatch.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Walks the audit log on a schedule, so a break is noticed without anyone asking: logged as an error and shown by
 * the gauge {@code driftwatch_audit_chain_intact} (alert on 0).
 */
@ApplicationScoped
public class AuditVerifier {

    private static final Logger LOG = Logger.getLogger(AuditVerifier.class);

    private final AuditLog log;
    private volatile AuditVerification last;

    public AuditVerifier(AuditLog log, MeterRegistry registry) {
        this.log = log;
        Gauge.builder("driftwatch.audit.chain.intact", this, v -> v.last == null ? Double.NaN : v.last.intact() ? 1 : 0)
                .description("1 when the audit log's hash chain verified at the last walk, 0 when it is broken")
                .register(registry);
    }

    @Scheduled(every = "${driftwatch.audit.verify-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        verify();
    }

    public AuditVerification verify() {
        AuditVerification v = log.verify();
        if (!v.intact()) {
            LOG.errorf("the audit log's hash chain is BROKEN at entry %d: %s", v.firstBroken().seq(), v.firstBroken().reason());
        } else if (last != null && !last.intact()) {
            LOG.infof("the audit log's hash chain verifies again (%d entries)", v.entries());
        }
        last = v;
        return v;
    }
}
