package io.driftwatch.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.driftwatch.alert.AlertService;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.drift.ApprovedService;
import io.driftwatch.rules.RuleManager;
import io.driftwatch.store.BaselineStore;
import io.driftwatch.store.ConfigStateStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts the engine with the service: compiles {@code rules/} (a rule that does not compile stops the start,
 * naming file, line and rule), restores checkpointed baselines, and checkpoints changed baselines on a
 * schedule and at shutdown.
 */
@ApplicationScoped
public class EngineLifecycle {

    private static final Logger LOG = Logger.getLogger(EngineLifecycle.class);

    private final DriftwatchConfig config;
    private final AlertService alerts;
    private final BaselineStore checkpoints;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final RuleManager ruleManager;
    private final ApprovedService approved;
    private final ConfigStateStore configState;
    private volatile Engine engine;

    public EngineLifecycle(DriftwatchConfig config, AlertService alerts, BaselineStore checkpoints, Clock clock,
                           EngineMetrics metrics, RuleManager ruleManager, ApprovedService approved,
                           ConfigStateStore configState) {
        this.approved = approved;
        this.configState = configState;
        this.ruleManager = ruleManager;
        this.config = config;
        this.alerts = alerts;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.ingest().maxEvents() > config.engine().queueEvents()) {
            throw new IllegalStateException("driftwatch.ingest.max-events (" + config.ingest().maxEvents()
                    + ") exceeds driftwatch.engine.queue-events (" + config.engine().queueEvents()
                    + "): a full batch could never be queued");
        }
        RuleSet rules = ruleManager.startup();
        Engine e = new Engine(engineSettings(config), baselineSettings(config), rules, alerts, approved.startup(),
                configState);
        int restored = checkpoints.loadAll(e::restore);
        int objects = configState.loadObserved(e::restore);
        e.start();
        metrics.register(e);
        engine = e;
        LOG.infof("engine started: %d shards, rules version %d (%d rules), %d agent baselines and %d observed "
                + "configuration objects restored", e.stats().size(), rules.version(), rules.compiled().rules().size(),
                restored, objects);
    }

    @Scheduled(every = "${driftwatch.baseline.checkpoint-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpoint() {
        Engine e = engine;
        if (e == null) {
            return;
        }
        Map<String, byte[]> dirty = new HashMap<>();
        e.onEveryShard(b -> b.drainDirty()).forEach(dirty::putAll);
        checkpoints.save(dirty, clock.millis());
        if (!dirty.isEmpty()) {
            LOG.infof("checkpointed %d agent baselines", dirty.size());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (engine != null) {
            checkpoint();
            engine.close();
            engine = null;
        }
    }

    public Engine engine() {
        Engine e = engine;
        if (e == null) {
            throw new IllegalStateException("engine not started");
        }
        return e;
    }

    static EngineSettings engineSettings(DriftwatchConfig c) {
        DriftwatchConfig.Engine e = c.engine();
        return new EngineSettings(e.shards().orElse(Runtime.getRuntime().availableProcessors()), e.queueEvents(),
                e.allowedLateness(), e.dedupWindow(), e.dedupCapacity());
    }

    static BaselineSettings baselineSettings(DriftwatchConfig c) {
        DriftwatchConfig.Baseline b = c.baseline();
        return new BaselineSettings(b.window(), b.learningPeriod(), b.maxKeysPerKind(), b.maxPrincipals(),
                b.quarantineReport(), b.apiRateGate());
    }
}
