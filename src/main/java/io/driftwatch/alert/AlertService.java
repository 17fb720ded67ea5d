package io.driftwatch.alert;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/** Where the engine's detections become stored, deduplicated alerts. */
@ApplicationScoped
public class AlertService implements DetectionListener {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertStore store;
    private final Clock clock;
    private final MeterRegistry metrics;
    /** Where event counts per agent and day go (the evidence report); null when built outside CDI. */
    @jakarta.inject.Inject
    io.driftwatch.evidence.IngestCoverage coverage;

    public AlertService(AlertStore store, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void onDetections(List<Detection> detections) {
        onDetections(detections, null);
    }

    @Override
    public void onDetections(List<Detection> detections, List<Position> positions) {
        for (Alert a : store.record(detections, clock.instant(), positions)) {
            metrics.counter("driftwatch.detections", "rule", a.rule(), "severity", a.severity()).increment();
            LOG.infof("alert %s %s [%s] %s on %s: %s (count %d)%s", a.id(), a.status(), a.severity(), a.rule(), a.agentId(),
                    a.summary(), a.count(), a.enrichment() == null ? "" : "; " + a.enrichment().decision() + ": "
                            + a.enrichment().reason());
        }
    }

    @Override
    public void onCoverage(java.util.Map<Coverage.AgentDay, Long> counts) {
        if (coverage != null) {
            coverage.add(counts);
        }
    }

    @Override
    public void onClosures(List<AlertClosure> closures) {
        close(closures);
    }

    @Override
    public void onClosures(List<AlertClosure> closures, List<Position> positions) {
        log(store.close(closures, clock.instant(), positions));
    }

    /** Closes the open alerts citing each closure's behaviour; returns them as closed. */
    public List<Alert> close(List<AlertClosure> closures) {
        if (closures.isEmpty()) {
            return List.of();
        }
        return log(store.close(closures, clock.instant(), null));
    }

    private List<Alert> log(List<Alert> closed) {
        for (Alert a : closed) {
            metrics.counter("driftwatch.alerts.closed", "rule", a.rule(), "status", a.status()).increment();
            LOG.infof("alert %s %s by %s: %s", a.id(), a.status(), a.resolution().by(), a.resolution().reason());
        }
        return closed;
    }
}
