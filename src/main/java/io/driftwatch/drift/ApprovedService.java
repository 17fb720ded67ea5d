package io.driftwatch.drift;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.AlertService;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.drift.ApprovedConfig.Approval;
import io.driftwatch.drift.ConfigObject.ObjectKey;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.store.ConfigStateStore;

/**
 * The approved configuration: loaded from the database and the approved directory at start, changed through
 * the API (each change stored with who and why), and handed to the engine shards, which re-judge the object at
 * once so drift the approval covers closes as accepted.
 */
@ApplicationScoped
public class ApprovedService {

    private static final Logger LOG = Logger.getLogger(ApprovedService.class);
    private static final long SHARD_WAIT_SECONDS = 30;

    private final ApprovedConfig approved = new ApprovedConfig();
    private final ConfigStateStore store;
    private final DriftwatchConfig config;
    private final EngineLifecycle engine;
    private final AlertStore alerts;
    private final AlertService alertService;
    private final Clock clock;

    public ApprovedService(ConfigStateStore store, DriftwatchConfig config, EngineLifecycle engine, AlertStore alerts,
                           AlertService alertService, Clock clock) {
        this.store = store;
        this.config = config;
        this.engine = engine;
        this.alerts = alerts;
        this.alertService = alertService;
        this.clock = clock;
    }

    /**
     * Before the engine starts: the stored approvals, then every file object whose content changed since it was
     * last imported (a file edited in git is a newer approval; an object approved through the API since stays).
     */
    public ApprovedConfig startup() {
        store.approvals().forEach(approved::put);
        Path dir = Path.of(config.drift().approvedDir());
        List<ApprovedFiles.Entry> entries;
        try {
            entries = ApprovedFiles.read(dir);
        } catch (ApprovedConfigException e) {
            throw new IllegalStateException("approved configuration in " + dir + " is invalid: " + e.getMessage(), e);
        }
        int imported = 0;
        for (ApprovedFiles.Entry e : entries) {
            Approval current = approved.get(e.object().agentId(), e.object().key());
            if (current == null || !e.sourceHash().equals(current.sourceHash())) {
                save(new Approval(e.object(), "file:" + e.file(), "imported from " + dir.resolve(e.file()), clock.instant(),
                        e.sourceHash()));
                imported++;
            }
        }
        LOG.infof("approved configuration: %d objects for %d agents; %d imported from %s%s", approved.agents().stream()
                        .mapToInt(a -> approved.of(a).size()).sum(), approved.agents().size(), imported, dir.toAbsolutePath(),
                entries.isEmpty() ? " (no files)" : "");
        return approved;
    }

    public ApprovedConfig approved() {
        return approved;
    }

    /** Approves an object in the given state (null: approved as absent); returns the alerts it closed. */
    public List<Alert> approve(ConfigObject object, String by, String reason) {
        save(new Approval(object, by, reason, clock.instant(), null));
        LOG.infof("approved %s %s of %s by %s: %s", object.kind(), object.id(), object.agentId(), by, reason);
        AlertClosure accepted = new AlertClosure(object.agentId(), null, AlertClosure.ACCEPTED, by,
                "approved: " + (reason == null ? "no reason given" : reason), clock.instant());
        List<AlertClosure> closures = onShard(object.agentId(), t -> t.reevaluate(object.agentId(), object.key(), accepted));
        return alertService.close(closures);
    }

    /**
     * Approves the running state of the object a drift alert is about, as the shard that owns its agent knows
     * it; returns the alerts that closed (the alert itself among them).
     */
    public List<Alert> approveAlert(String alertId, String by, String reason) {
        Alert alert = alerts.get(alertId).orElseThrow(() -> ProblemException.notFound("no alert " + alertId));
        ObjectKey key = DriftTracker.objectOf(alert.behaviourKey());
        if (key == null) {
            throw ProblemException.conflict("alert " + alertId + " is not about configuration drift ("
                    + alert.behaviourKey() + "); accept behaviour into the baseline with POST /agents/"
                    + alert.agentId() + "/baseline/accept");
        }
        ConfigObject running = onShard(alert.agentId(), t -> t.running(alert.agentId(), key));
        if (running == null) {
            throw ProblemException.conflict("the running state of " + key + " on " + alert.agentId() + " is not known");
        }
        return approve(running, by, reason == null ? "approved from alert " + alertId : reason + " (alert " + alertId + ")");
    }

    public List<ConfigStateStore.ApprovalChange> history(String agentId, ObjectKey key) {
        return store.history(agentId, key.kind(), key.id());
    }

    private void save(Approval a) {
        store.approve(a);
        approved.put(a);
    }

    private <T> T onShard(String agentId, java.util.function.Function<DriftTracker, T> work) {
        try {
            return engine.engine().onAgentDrift(agentId, work).get(SHARD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the engine shard of " + agentId + " did not answer: " + e, e);
        }
    }

}
