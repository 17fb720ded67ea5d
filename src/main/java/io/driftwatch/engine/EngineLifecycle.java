package io.driftwatch.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.driftwatch.alert.AlertService;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.drift.ApprovedService;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.drift.ObservedChange;
import io.driftwatch.event.Event;
import io.driftwatch.rules.RuleManager;
import io.driftwatch.store.CheckpointStore;
import io.driftwatch.store.CheckpointStore.Checkpoint;
import io.driftwatch.store.ConfigStateStore;
import io.driftwatch.store.EventJournal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts the engine with the service and keeps what it learns durable.
 * <ul>
 * <li>Start: compiles {@code rules/} (a rule that does not compile stops the start, naming file, line and rule),
 * restores the last checkpoint, and replays the event journal after it before taking traffic.</li>
 * <li>Every accepted batch is journaled before it is processed ({@link #submit}), so a 2xx survives a crash.</li>
 * <li>Checkpoints (on a schedule, after a baseline acceptance, and at shutdown) write baselines, running
 * configuration and session state as of one journal position, then drop the journal up to it.</li>
 * </ul>
 */
@ApplicationScoped
public class EngineLifecycle {

    private static final Logger LOG = Logger.getLogger(EngineLifecycle.class);

    private final DriftwatchConfig config;
    private final AlertService alerts;
    private final CheckpointStore checkpoints;
    private final EventJournal journal;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final RuleManager ruleManager;
    private final ApprovedService approved;
    private final ConfigStateStore configState;
    private volatile Engine engine;
    /** Set once the journal is replayed: ingestion is open. */
    private volatile JournaledIntake intake;
    private long replayFrom;
    private volatile long lastCut;
    /** Told the log positions each written checkpoint covers (the Kafka intake commits them as consumer offsets). */
    private final List<java.util.function.Consumer<Map<String, Long>>> checkpointed = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What a failed checkpoint took from the shards: written with the next one, so nothing is lost meanwhile. */
    private final Map<String, byte[]> unwrittenBaselines = new HashMap<>();
    private final Map<ObservedChange.Key, ObservedChange> unwrittenObserved = new LinkedHashMap<>();
    private final Map<Integer, byte[]> unwrittenSessions = new HashMap<>();
    private final Map<String, byte[]> unwrittenAgentSessions = new HashMap<>();

    public EngineLifecycle(DriftwatchConfig config, AlertService alerts, CheckpointStore checkpoints,
                           EventJournal journal, Clock clock, EngineMetrics metrics, RuleManager ruleManager,
                           ApprovedService approved, ConfigStateStore configState) {
        this.journal = journal;
        this.approved = approved;
        this.configState = configState;
        this.ruleManager = ruleManager;
        this.config = config;
        this.alerts = alerts;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Scale-out: instances share agents through the database, each holding those of the partitions it reads. */
    public boolean sharesAgents() {
        return config.kafka().enabled() && config.kafka().scaleOut().enabled();
    }

    void start(@Observes StartupEvent ignored) {
        if (config.kafka().scaleOut().enabled() && !(config.kafka().enabled() && "postgresql".equals(config.database()))) {
            throw new IllegalStateException("driftwatch.kafka.scale-out.enabled needs driftwatch.kafka.enabled=true "
                    + "and PostgreSQL (driftwatch.database=postgresql): instances share agents through both");
        }
        if (config.ingest().maxEvents() > config.engine().queueEvents()) {
            throw new IllegalStateException("driftwatch.ingest.max-events (" + config.ingest().maxEvents()
                    + ") exceeds driftwatch.engine.queue-events (" + config.engine().queueEvents()
                    + "): a full batch could never be queued");
        }
        RuleSet rules = ruleManager.startup();
        Engine e = new Engine(engineSettings(config), baselineSettings(config), rules, alerts, approved.startup(),
                configState);
        CheckpointStore.Cut cut = checkpoints.openCut();
        journal.open(cut.seq(), cut.journalId());
        int restored = 0;
        int objects = 0;
        if (sharesAgents()) {
            e.shareAgents(checkpoints); // each agent is loaded when its partition's first event arrives here
        } else {
            restored = checkpoints.loadBaselines(e::restore);
            objects = configState.loadObserved(e::restore);
            Map<Integer, byte[]> sessions = new HashMap<>();
            checkpoints.loadShards(sessions::put);
            if (!e.restoreSessions(sessions)) {
                LOG.infof("the shard count changed to %d: session facts were routed to their agents' new shards",
                        e.stats().size());
            }
        }
        e.start();
        metrics.register(e);
        engine = e;
        replayFrom = cut.seq();
        LOG.infof("engine started: %d shards, rules version %d (%d rules), %d agent baselines and %d observed "
                + "configuration objects restored", e.stats().size(), rules.version(), rules.compiled().rules().size(),
                restored, objects);
    }

    /**
     * After every other start observer (deployment records are in the engine by then, as they were when the
     * journaled batches first ran): replays the journal, then opens ingestion.
     */
    void replayAndOpen(@Observes @Priority(Interceptor.Priority.APPLICATION + 2000) StartupEvent ignored) {
        Engine e = engine();
        long replayed = replay(e, replayFrom);
        intake = new JournaledIntake(journal.last() + 1);
        lastCut = replayFrom;
        metrics.journal(() -> Math.max(0, journal.last() - lastCut));
        LOG.infof("%d journaled events replayed; accepting events", replayed);
    }

    /** Processes the journal after the checkpoint's cut, in order, as the run that crashed did. */
    private long replay(Engine e, long cut) {
        long[] events = {0};
        journal.replayAfter(cut, entry -> {
            e.process(e.admit(entry.events(), Long.MAX_VALUE / 4), EventPositions.journal(entry.seq())).join();
            events[0] += entry.events().size();
        });
        return events[0];
    }

    /**
     * Journals the batch, then processes it; the future completes once its detections are stored. The caller
     * acknowledges only then, so an acknowledged event is either in a checkpoint or in the journal.
     *
     * @throws EngineSaturatedException when the engine has no room within {@code waitMillis} (nothing journaled)
     */
    public CompletableFuture<BatchResult> submit(List<Event> events, long waitMillis) {
        Engine e = engine();
        JournaledIntake in = intake;
        if (in == null) {
            throw starting();
        }
        Engine.Admission admission = e.admit(events, waitMillis);
        long seq;
        try {
            seq = journal.append(events, clock.millis());
        } catch (EventJournal.JournalException j) {
            in.skip(j.seq());
            e.abandon(admission);
            throw j;
        } catch (RuntimeException r) {
            e.abandon(admission);
            throw r;
        }
        return in.publish(seq, () -> e.process(admission, EventPositions.journal(seq)));
    }

    /**
     * Processes a batch read from logs that keep it themselves (Kafka partitions): not journaled; the next
     * checkpoint records {@code nextPositions}, where reading resumes after a restart. The future completes once
     * the batch's detections are stored.
     *
     * @throws EngineSaturatedException when the engine has no room within {@code waitMillis}
     */
    public CompletableFuture<BatchResult> submitFromLog(List<Event> events, EventPositions positions,
                                                       Map<String, Long> nextPositions, long waitMillis) {
        Engine e = engine();
        JournaledIntake in = intake;
        if (in == null) {
            throw starting();
        }
        Engine.Admission admission = e.admit(events, waitMillis);
        return in.publishFromLog(nextPositions, () -> e.process(admission, positions));
    }

    /** {@code listener} is told the log positions each checkpoint covers, once it is written. */
    public void onCheckpoint(java.util.function.Consumer<Map<String, Long>> listener) {
        checkpointed.add(listener);
    }

    /**
     * Where reading each log resumes: after what this instance already handed on, or else after what the last
     * checkpoint covers. (A partition taken away and given back by a rebalance continues where it stopped: reading
     * again from the checkpoint would count those events twice in the baselines.)
     */
    public Map<String, Long> logPositions() {
        Map<String, Long> positions = new HashMap<>(checkpoints.logPositions());
        JournaledIntake in = intake;
        if (in != null) {
            in.logPositions().forEach((source, handedOn) -> positions.merge(source, handedOn, Math::max));
        }
        return positions;
    }

    /**
     * Writes what changed since the last checkpoint as of one journal position, then drops the journal up to it.
     * A failure keeps what was taken for the next attempt, and keeps the journal: nothing is lost either way.
     */
    @Scheduled(every = "${driftwatch.baseline.checkpoint-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void checkpoint() {
        Engine e = engine;
        JournaledIntake in = intake;
        if (e == null || in == null) {
            return; // nothing is processed before the journal is replayed, and the journal covers it all
        }
        List<CompletableFuture<ShardCheckpoint>> parts = new ArrayList<>();
        JournaledIntake.Cut taken = in.cut(() -> parts.addAll(e.checkpoint()));
        long cut = taken.seq();
        for (CompletableFuture<ShardCheckpoint> part : parts) {
            ShardCheckpoint p = part.join();
            unwrittenBaselines.putAll(p.baselines());
            p.observed().forEach(o -> {
                unwrittenObserved.remove(o.key());
                unwrittenObserved.put(o.key(), o);
            });
            if (p.session() != null) {
                unwrittenSessions.put(p.shard(), p.session());
            }
            unwrittenAgentSessions.putAll(p.agentSessions());
        }
        Checkpoint checkpoint = new Checkpoint(cut, Map.copyOf(unwrittenBaselines),
                List.copyOf(unwrittenObserved.values()), Map.copyOf(unwrittenSessions), parts.size(),
                taken.logPositions(), Map.copyOf(unwrittenAgentSessions));
        long started = System.nanoTime();
        try {
            checkpoints.save(checkpoint, clock.millis());
        } catch (RuntimeException failed) {
            metrics.checkpoint(System.nanoTime() - started, false);
            throw failed;
        }
        metrics.checkpoint(System.nanoTime() - started, true);
        lastCut = cut;
        checkpointed.forEach(listener -> listener.accept(taken.logPositions()));
        try {
            journal.truncate(cut);
        } catch (RuntimeException failed) {
            LOG.warnf("the journal up to %d could not be dropped (it is skipped at replay): %s", cut, failed.getMessage());
        }
        if (!unwrittenBaselines.isEmpty()) {
            LOG.infof("checkpointed %d agent baselines at journal position %d", unwrittenBaselines.size(), cut);
        }
        unwrittenBaselines.clear();
        unwrittenObserved.clear();
        unwrittenSessions.clear();
        unwrittenAgentSessions.clear();
    }

    /**
     * Scale-out: partitions given up in a rebalance. Everything read from them is checkpointed with their
     * positions, then their agents are forgotten here: the next owner loads them from that checkpoint.
     */
    public synchronized void handOver(java.util.Set<String> sources) {
        if (engine == null || intake == null) {
            return;
        }
        checkpoint();
        java.util.Set<String> gone = engine.evict(sources);
        intake.forget(sources);
        LOG.infof("handed over %s: %d agents checkpointed and dropped", sources, gone.size());
    }

    /**
     * Scale-out: partitions lost without a rebalance (this instance was presumed dead). Another instance may
     * already read them from the last checkpoint, so what this one learned since is dropped, not written.
     */
    public synchronized void drop(java.util.Set<String> sources) {
        if (engine == null || intake == null) {
            return;
        }
        java.util.Set<String> gone = engine.evict(sources);
        intake.forget(sources);
        unwrittenBaselines.keySet().removeAll(gone);
        unwrittenObserved.keySet().removeIf(k -> gone.contains(k.agentId()));
        unwrittenAgentSessions.keySet().removeAll(gone);
        LOG.warnf("lost %s: %d agents dropped; their next owner continues from the last checkpoint", sources,
                gone.size());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (engine != null) {
            checkpoint();
            engine.close();
            engine = null;
        }
    }

    /** The running engine; 503 while the service is still starting. */
    public Engine engine() {
        Engine e = engine;
        if (e == null) {
            throw starting();
        }
        return e;
    }

    /** Whether ingestion is open: the checkpoint restored and the journal replayed. */
    public boolean accepting() {
        return intake != null;
    }

    /** The engine once it is built and started, else null (for start observers and schedules that run early). */
    public Engine engineIfStarted() {
        return engine;
    }

    private static ProblemException starting() {
        return new ProblemException(Problem.of(503, "Service Unavailable",
                "the engine is starting: restoring the last checkpoint and replaying the event journal"),
                java.time.Duration.ofSeconds(5));
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
