package io.driftwatch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.Detection;
import io.driftwatch.alert.DetectionListener;
import io.driftwatch.alert.Position;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.baseline.Baselines;
import io.driftwatch.baseline.Interner;
import io.driftwatch.drift.DriftTracker;
import io.driftwatch.event.Deployment;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.ExceptionEntry;

/**
 * One engine shard: a thread that owns a KieSession and the baselines of the agents hashed to it. Work
 * arrives as tasks on its queue; nothing else touches the session. The session's pseudo clock follows the
 * newest event time the shard has seen, so a replay of a week yields the same alerts as live traffic.
 */
final class Shard {

    private static final Logger LOG = Logger.getLogger(Shard.class);
    private static final Runnable STOP = () -> { };

    final int index;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int capacity;
    private final Baselines baselines;
    private final RecentIds ids;
    private final long lateness;
    private final FiredMatches fired = new FiredMatches();
    private final FindingCollector findings = new FindingCollector();
    private final DetectionListener listener;
    private final io.driftwatch.alert.Coverage coverage = new io.driftwatch.alert.Coverage();
    private final Consumer<Object> insert = this::insert;
    private final Thread thread;
    private KieSession session;
    private final List<FactHandle> dataFacts = new ArrayList<>();
    private final List<FactHandle> deploymentFacts = new ArrayList<>();
    private final List<FactHandle> exceptionFacts = new ArrayList<>();
    private final DriftTracker drift;
    /** Detections and alert closures of the batch, in the order they happened. */
    private final List<Object> batchOutcomes = new ArrayList<>();
    private final List<Position> outcomePositions = new ArrayList<>();
    private final Consumer<AlertClosure> close = this::outcome;
    /** The log position of the event being processed, and how many outcomes it has had. */
    private String eventSource;
    private long eventPosition;
    private int eventOrdinal;
    /** The active allowlists, lists and agent groups. */
    private RuleData data = RuleData.empty();
    private long clock;
    private boolean inserted;
    private long newest = Long.MIN_VALUE;
    private volatile long processed;
    private volatile long duplicates;
    private volatile long late;
    private volatile long rulesVersion;
    /** Agents with a baseline on this shard, refreshed after each batch (read by metrics from other threads). */
    private volatile int agentCount;
    private volatile long ruleErrors;
    /** Whether the session or its event ids changed since the last checkpoint took them. */
    private boolean changedSinceCheckpoint;
    /** Scale-out only (else null): where agents not seen in this run are loaded from. */
    private AgentStates states;
    /** Scale-out: the agents loaded (or found new) in this run, each with the log its events came through. */
    private final java.util.Map<String, String> sourceOf = new java.util.HashMap<>();
    /** Scale-out: each agent's facts as the last checkpoint wrote them, to write only what changed. */
    private final java.util.Map<String, byte[]> sessionWritten = new java.util.HashMap<>();
    private volatile long splitAgents;

    Shard(int index, EngineSettings settings, BaselineSettings baselineSettings, Interner interner, RuleSet rules,
          DetectionListener listener, DriftTracker drift) {
        this.drift = drift;
        this.index = index;
        this.capacity = settings.queueEvents();
        this.room = new Semaphore(capacity);
        this.lateness = settings.allowedLateness().toMillis();
        this.ids = new RecentIds(settings.dedupWindow().toMillis(), settings.dedupCapacity());
        this.listener = listener;
        this.baselines = new Baselines(baselineSettings, interner, agent -> data.groupsOf(agent));
        this.thread = new Thread(this::run, "driftwatch-shard-" + index);
        this.thread.setDaemon(true);
        startSession(rules);
    }

    void start() {
        thread.start();
    }

    /** Before {@link #start()}: agents are loaded as their events arrive and dropped when their log moves away. */
    void shareAgents(AgentStates from) {
        this.states = from;
    }

    boolean reserve(int events, long waitMillis) throws InterruptedException {
        return events == 0 || room.tryAcquire(events, waitMillis, TimeUnit.MILLISECONDS);
    }

    void release(int events) {
        room.release(events);
    }

    /**
     * Processes events whose room was reserved; the future completes once their detections are stored.
     *
     * @param indexes   each event's index in the batch as submitted
     * @param positions where the submitted batch's events sit in their log
     */
    CompletableFuture<BatchResult> process(List<Event> events, int[] indexes, EventPositions positions) {
        CompletableFuture<BatchResult> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                done.complete(processNow(events, indexes, positions));
            } catch (Throwable t) {
                LOG.errorf(t, "shard %d failed a batch of %d events", index, events.size());
                done.completeExceptionally(t);
            } finally {
                room.release(events.size());
            }
        });
        return done;
    }

    /** Runs {@code work} on the shard's thread, between batches. */
    <T> CompletableFuture<T> call(Function<Baselines, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                done.complete(work.apply(baselines));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** Before {@link #start()} only: loads a checkpointed baseline. */
    void restore(byte[] checkpoint) {
        baselines.restore(checkpoint);
    }

    /**
     * Before {@link #start()} only: takes back the session a checkpoint saved. Its facts go back in time order on the
     * clock they were inserted at; every rule match they form now was already fired (or cancelled) before the
     * checkpoint, so each is recorded as fired, not fired again.
     */
    void restore(ShardSnapshot snapshot) {
        for (Object fact : snapshot.facts()) {
            long t = ShardSnapshot.timeOf(fact);
            if (t > newest) {
                newest = t;
            }
            advanceClock();
            session.insert(fact);
        }
        newest = Math.max(newest, snapshot.newest());
        advanceClock();
        session.fireAllRules(match -> {
            fired.isRepeat(match, clock);
            return false;
        });
        findings.drain();
        ids.restore(snapshot.ids());
        changedSinceCheckpoint = true; // the next checkpoint writes it back under this shard's index
    }

    /**
     * On the shard's thread, between batches: what changed since the last checkpoint. The engine queues this on
     * every shard at one journal position, so all parts reflect the same batches.
     */
    CompletableFuture<ShardCheckpoint> checkpoint() {
        CompletableFuture<ShardCheckpoint> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                byte[] snapshot = null;
                java.util.Map<String, byte[]> agentSessions = java.util.Map.of();
                if (changedSinceCheckpoint && states != null) {
                    agentSessions = changedAgentSessions();
                } else if (changedSinceCheckpoint) {
                    snapshot = ShardSnapshot.of(newest, ids.state(), deviationFacts()).encode();
                }
                changedSinceCheckpoint = false;
                done.complete(new ShardCheckpoint(index, baselines.drainDirty(), drift.drainUnsaved(), snapshot,
                        agentSessions));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /**
     * Scale-out: each agent's facts, encoded, where they differ from what the last checkpoint wrote; an empty array
     * for an agent whose facts are all gone. Per agent, because an agent's partition may move to another instance.
     */
    private java.util.Map<String, byte[]> changedAgentSessions() {
        java.util.Map<String, List<Object>> byAgent = new java.util.HashMap<>();
        for (Object fact : deviationFacts()) {
            byAgent.computeIfAbsent(ShardSnapshot.agentOf(fact), a -> new ArrayList<>()).add(fact);
        }
        java.util.Map<String, byte[]> changed = new java.util.HashMap<>();
        byAgent.forEach((agent, facts) -> {
            byte[] encoded = FactCodec.encode(facts);
            if (!java.util.Arrays.equals(encoded, sessionWritten.get(agent))) {
                changed.put(agent, encoded);
                sessionWritten.put(agent, encoded);
            }
        });
        java.util.Iterator<String> written = sessionWritten.keySet().iterator();
        while (written.hasNext()) {
            String agent = written.next();
            if (!byAgent.containsKey(agent)) {
                changed.put(agent, new byte[0]);
                written.remove();
            }
        }
        return changed;
    }

    /**
     * Scale-out, on the shard's thread between batches: forgets the agents whose events came through
     * {@code sources} (partitions now read by another instance). Their state must be checkpointed first, unless
     * the partitions were lost; the new owner continues from the checkpoint either way.
     *
     * @return the agents forgotten
     */
    CompletableFuture<java.util.Set<String>> evict(java.util.Set<String> sources) {
        CompletableFuture<java.util.Set<String>> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                java.util.Set<String> gone = new java.util.HashSet<>();
                sourceOf.forEach((agent, source) -> {
                    if (sources.contains(source)) {
                        gone.add(agent);
                    }
                });
                List<FactHandle> facts = new ArrayList<>(session.getFactHandles(f -> ShardSnapshot.isDeviation(f)
                        && gone.contains(ShardSnapshot.agentOf(f))));
                facts.forEach(session::delete);
                for (String agent : gone) {
                    baselines.evict(agent);
                    drift.evict(agent);
                    sourceOf.remove(agent);
                    sessionWritten.remove(agent);
                }
                agentCount = baselines.agentCount();
                done.complete(gone);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /**
     * Scale-out: loads the checkpointed state of the batch's agents this shard has not seen in this run, before any
     * of their events is processed. Their facts' matches were judged by the instance that wrote them: recorded as
     * fired, not fired again.
     */
    private void loadNewAgents(List<Event> events, int[] indexes, EventPositions positions) {
        java.util.Map<String, String> fresh = null;
        for (int k = 0; k < events.size(); k++) {
            String agent = events.get(k).agentId();
            if (!sourceOf.containsKey(agent)) {
                if (fresh == null) {
                    fresh = new java.util.HashMap<>();
                }
                fresh.putIfAbsent(agent, positions.source(indexes[k]));
            }
        }
        if (fresh == null) {
            return;
        }
        java.util.Map<String, AgentState> stored = states.load(fresh.keySet());
        List<Object> facts = new ArrayList<>();
        for (AgentState state : stored.values()) {
            if (state.baseline() != null) {
                baselines.restore(state.baseline());
            }
            state.observed().forEach(drift::restore);
            if (state.session() != null && state.session().length > 0) {
                facts.addAll(FactCodec.decode(state.session()));
                sessionWritten.put(state.agentId(), state.session());
            }
        }
        sourceOf.putAll(fresh);
        if (facts.isEmpty()) {
            return;
        }
        facts.sort(java.util.Comparator.comparingLong(ShardSnapshot::timeOf));
        eventSource = null; // what fires now is not the outcome of an event
        java.util.Set<Object> takenBack = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object fact : facts) {
            newest = Math.max(newest, ShardSnapshot.timeOf(fact));
            advanceClock();
            session.insert(fact);
            takenBack.add(fact);
        }
        fireRules(match -> {
            for (Object o : match.getObjects()) {
                if (takenBack.contains(o)) {
                    fired.isRepeat(match, clock);
                    return false;
                }
            }
            return !fired.isRepeat(match, clock);
        });
    }

    /** The facts rules match over, oldest first: what a restart must take back to keep windows whole. */
    private List<Object> deviationFacts() {
        List<Object> out = new ArrayList<>(session.getObjects(ShardSnapshot::isDeviation));
        out.sort(java.util.Comparator.comparingLong(ShardSnapshot::timeOf));
        return out;
    }

    void stop() {
        tasks.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.dispose();
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }

    private BatchResult processNow(List<Event> events, int[] indexes, EventPositions positions) {
        changedSinceCheckpoint = true;
        if (states != null) {
            loadNewAgents(events, indexes, positions);
        }
        int dup = 0;
        int lateHere = 0;
        for (int k = 0; k < events.size(); k++) {
            Event e = events.get(k);
            eventSource = positions.source(indexes[k]);
            eventPosition = positions.position(indexes[k]);
            eventOrdinal = 0;
            if (states != null) {
                followSource(e.agentId());
            }
            if (e.id() != null && ids.seen(e.agentId(), e.id(), e.timeMillis())) {
                dup++;
                continue;
            }
            long t = e.timeMillis();
            coverage.count(e.agentId(), t);
            if (t > newest) {
                newest = t;
            } else if (t < newest - lateness) {
                lateHere++; // still checked: novelty needs no window, and facts outlive windows by an hour
            }
            baselines.observe(e, insert);
            if (e.type() == EventType.CONFIG) {
                drift.observe(e, insert, close);
            }
            if (inserted) {
                inserted = false;
                fireRules();
            }
        }
        advanceClock();
        fireRules(); // lets facts expire as the clock moves on
        fired.forgetBefore(clock);
        int detections = handOnOutcomes();
        if (!coverage.isEmpty()) {
            listener.onCoverage(coverage.drain()); // for the evidence report: one hand-off per batch
        }
        agentCount = baselines.agentCount();
        processed += events.size() - dup;
        duplicates += dup;
        late += lateHere;
        return new BatchResult(events.size() - dup, dup, lateHere, detections);
    }

    /**
     * Scale-out: an agent's events must all come through one partition number (topics keyed by agent, with equal
     * partition counts), or two instances would each hold part of its state. Counted and logged when they do not.
     */
    private void followSource(String agent) {
        String before = sourceOf.put(agent, eventSource);
        if (before != null && !before.equals(eventSource)
                && !partitionOf(before).equals(partitionOf(eventSource))) {
            if (splitAgents++ % 1000 == 0) {
                LOG.warnf("agent %s arrives through %s and %s: key every topic by agent and give the topics the same "
                        + "partition count, or its state splits between instances", agent, before, eventSource);
            }
        }
    }

    private static String partitionOf(String source) {
        return source == null ? "" : source.substring(source.lastIndexOf('-') + 1);
    }

    /** An outcome of the event being processed, positioned after it (see {@link Position}). */
    private void outcome(Object detectionOrClosure) {
        batchOutcomes.add(detectionOrClosure);
        outcomePositions.add(eventSource == null ? null : Position.of(eventSource, eventPosition, eventOrdinal++));
    }

    /**
     * Hands detections and closures to the listener in runs of one kind, keeping their order and their positions;
     * counts detections.
     */
    @SuppressWarnings("unchecked")
    private int handOnOutcomes() {
        int detections = 0;
        int i = 0;
        while (i < batchOutcomes.size()) {
            boolean isDetection = batchOutcomes.get(i) instanceof Detection;
            int j = i;
            while (j < batchOutcomes.size() && (batchOutcomes.get(j) instanceof Detection) == isDetection) {
                j++;
            }
            List<Object> run = List.copyOf(batchOutcomes.subList(i, j));
            List<Position> positions = new ArrayList<>(outcomePositions.subList(i, j));
            if (isDetection) {
                detections += run.size();
                listener.onDetections((List<Detection>) (List<?>) run, positions);
            } else {
                listener.onClosures((List<AlertClosure>) (List<?>) run, positions);
            }
            i = j;
        }
        batchOutcomes.clear();
        outcomePositions.clear();
        return detections;
    }

    /** Replaces the deployment facts of the session, on the shard's thread. */
    CompletableFuture<Void> useDeployments(List<Deployment> deployments) {
        return replace(deploymentFacts, deployments);
    }

    /** Replaces the exception facts of the session, on the shard's thread. */
    CompletableFuture<Void> useExceptions(List<ExceptionEntry> exceptions) {
        return replace(exceptionFacts, exceptions);
    }

    private CompletableFuture<Void> replace(List<FactHandle> held, List<?> facts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            held.forEach(session::delete);
            held.clear();
            for (Object fact : facts) {
                held.add(session.insert(fact));
            }
            done.complete(null);
        });
        return done;
    }

    DriftTracker drift() {
        return drift;
    }

    /**
     * Facts are rare (deviations only), so rules fire after each event that produced one: a window is judged at
     * the event's own time, the facts of one event are judged together, and the same events give the same
     * alerts however they are batched.
     */
    private void insert(Object fact) {
        advanceClock();
        try {
            session.insert(fact);
        } catch (RuntimeException e) {
            ruleErrors++; // a constraint evaluated on insert failed; as in fireRules, the batch goes on
            LOG.errorf("shard %d: a rule failed on %s and lost its match: %s", index, fact, e.getMessage());
        }
        inserted = true;
    }

    private void advanceClock() {
        if (newest > clock) {
            SessionPseudoClock pseudo = session.getSessionClock();
            pseudo.advanceTime(newest - clock, TimeUnit.MILLISECONDS);
            clock = newest;
        }
    }

    /** Fires what is due; cited behaviours are quarantined at once, so the rest of the batch sees them so. */
    private void fireRules() {
        fireRules(match -> !fired.isRepeat(match, clock));
    }

    private void fireRules(org.kie.api.runtime.rule.AgendaFilter filter) {
        try {
            session.fireAllRules(filter);
        } catch (RuntimeException e) {
            // one rule's runtime error must not fail the batch: the sender would retry it forever while every
            // other rule went blind. The failure is logged and counted; the other matches still fire next time.
            ruleErrors++;
            LOG.errorf("shard %d: a rule failed at %s and lost its match: %s", index,
                    java.time.Instant.ofEpochMilli(clock), e.getMessage());
        }
        if (findings.isEmpty()) {
            return;
        }
        for (Detection d : findings.drain()) {
            boolean explained = d.enrichment() != null && d.enrichment().explained();
            if (!explained) {
                for (String behaviour : d.behaviours()) {
                    baselines.quarantine(d.agentId(), behaviour, clock); // learned only once someone accepts it
                }
            }
            outcome(d);
            if (explained && d.enrichment().approved()) {
                // a change a verified deployment declares becomes the approved state; its other drift closes
                drift.approveRunning(d.agentId(), d.behaviourKey(), "deployment:" + d.enrichment().deploymentId(),
                        d.enrichment().reason(), clock).forEach(this::outcome);
            }
        }
    }

    /** The first rule set: creates the session. */
    private void startSession(RuleSet rules) {
        session = rules.compiled().newSession();
        session.addEventListener(findings);
        findings.useSession(session);
        useRules(rules);
    }

    /**
     * Takes on a rule set whose rules the session already runs (see {@link Engine#activate}): its allowlists and
     * lists, and its rules' metadata. Only while the shard's thread is parked or before it starts.
     */
    void useRules(RuleSet rules) {
        dataFacts.forEach(session::delete);
        dataFacts.clear();
        data = rules.data();
        findings.useGroups(data::groupsOf);
        for (Object fact : data.facts()) {
            dataFacts.add(session.insert(fact));
        }
        for (KiePackage p : session.getKieBase().getKiePackages()) {
            if (p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("alerts"))) {
                session.setGlobal("alerts", findings);
                break;
            }
        }
        findings.useRules(rules.compiled().rules());
        rulesVersion = rules.version();
    }

    /** Parks the shard's thread between batches until {@code resume} opens; {@code parked} counts it down. */
    void park(CountDownLatch parked, CountDownLatch resume) {
        tasks.add(() -> {
            parked.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    ShardStats stats() {
        return new ShardStats(index, capacity - room.availablePermits(), processed, duplicates, late,
                ids.earlyRotations(), rulesVersion, agentCount, ruleErrors);
    }
}
