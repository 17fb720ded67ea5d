package io.driftwatch.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.driftwatch.api.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/** Where the engine's detections become stored, deduplicated alerts, and where alerts change state. */
@ApplicationScoped
public class AlertService implements DetectionListener {

    private static final Logger LOG = Logger.getLogger(AlertService.class);
    /** Who raised an alert, in its first transition. */
    static final String ENGINE = "driftwatch";

    private final AlertStore store;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Event<AlertTransitioned> transitioned;
    /** Where event counts per agent and day go (the evidence report); null when built outside CDI. */
    @jakarta.inject.Inject
    io.driftwatch.evidence.IngestCoverage coverage;

    public AlertService(AlertStore store, Clock clock, MeterRegistry metrics, Event<AlertTransitioned> transitioned) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.transitioned = transitioned;
    }

    @Override
    public void onDetections(List<Detection> detections) {
        onDetections(detections, null);
    }

    @Override
    public void onDetections(List<Detection> detections, List<Position> positions) {
        Instant now = clock.instant();
        for (AlertStore.Recorded r : store.recordAll(detections, now, positions)) {
            Alert a = r.alert();
            metrics.counter("driftwatch.detections", "rule", a.rule(), "severity", a.severity()).increment();
            if (r.quiet()) {
                LOG.debugf("alert %s %s: occurrence counted quietly (%d suppressed of %d)", a.id(), a.status(),
                        a.suppressedCount(), a.count());
                continue;
            }
            LOG.infof("alert %s %s [%s] %s on %s: %s (count %d)%s", a.id(), a.status(), a.severity(), a.rule(), a.agentId(),
                    a.summary(), a.count(), a.enrichment() == null ? "" : "; " + a.enrichment().decision() + ": "
                            + a.enrichment().reason());
            if (r.created()) {
                transitioned.fire(new AlertTransitioned(a.id(), null, a.status(), ENGINE, now,
                        a.enrichment() == null ? a.summary() : a.enrichment().reason()));
            }
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

    /**
     * Moves an alert to {@code to} as {@code by} (the caller), now.
     *
     * @throws ProblemException           404 no such alert, 400 unknown state or a missing reason
     * @throws InvalidTransitionException 409 the state machine does not allow it
     */
    public Alert transition(String id, String to, String by, String reason) {
        if (to == null || !AlertStates.known(to)) {
            throw ProblemException.badRequest("\"to\" must be one of " + AlertStates.all() + "; got " + to);
        }
        boolean noReason = reason == null || reason.isBlank();
        if (AlertStates.reasonRequired(to) && noReason) {
            throw ProblemException.badRequest("a reason is required to move an alert to " + to);
        }
        Alert a = store.transition(id, to, by, noReason ? null : reason.trim(), now())
                .orElseThrow(() -> ProblemException.notFound("no alert with id " + id));
        return log(List.of(a)).get(0);
    }

    /** Moves each alert that may still move to {@code to}; those another request closed meanwhile are left out. */
    public List<Alert> transitionAll(List<Alert> alerts, String to, String by, String reason) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            try {
                store.transition(a.id(), to, by, reason, now()).ifPresent(out::add);
            } catch (InvalidTransitionException e) {
                LOG.debugf("alert %s not moved to %s: %s", a.id(), to, e.getMessage());
            }
        }
        return log(out);
    }

    /** Stored in milliseconds: what a move returns is what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public java.util.Optional<Alert> get(String id) {
        return store.get(id);
    }

    private List<Alert> log(List<Alert> moved) {
        for (Alert a : moved) {
            Transition t = a.history().get(a.history().size() - 1);
            if (AlertStates.reasonRequired(t.to())) {
                metrics.counter("driftwatch.alerts.closed", "rule", a.rule(), "status", a.status()).increment();
            }
            LOG.infof("alert %s %s -> %s by %s: %s", a.id(), t.from(), t.to(), t.by(), t.reason());
            transitioned.fire(new AlertTransitioned(a.id(), t.from(), t.to(), t.by(), t.at(), t.reason()));
        }
        return moved;
    }
}
