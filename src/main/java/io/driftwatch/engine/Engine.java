package io.driftwatch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.runtime.KieContainer;

import io.driftwatch.alert.DetectionListener;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.baseline.Baselines;
import io.driftwatch.baseline.Interner;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.DriftTracker;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.event.Deployment;
import io.driftwatch.event.Event;

/**
 * Routes events to shards by agent id: an agent's events always meet the same baselines and session, in
 * order. Submission is all-or-nothing: either every shard has room for its part, or nothing is accepted and
 * the caller is told to retry ({@link EngineSaturatedException}).
 */
public final class Engine implements AutoCloseable {

    private final Shard[] shards;
    private final EngineSettings settings;
    /** Every shard's session comes from this container; a new rule version is applied to it in place. */
    private final KieContainer container;
    private volatile RuleSet rules;
    private boolean started;

    public Engine(EngineSettings settings, BaselineSettings baselineSettings, RuleSet rules, DetectionListener listener) {
        this(settings, baselineSettings, rules, listener, new ApprovedConfig(), ApprovalStore.NONE);
    }

    /**
     * @param approved the approved configuration the shards judge config events against
     * @param observed where shards keep the running state of configuration objects
     */
    public Engine(EngineSettings settings, BaselineSettings baselineSettings, RuleSet rules, DetectionListener listener,
                  ApprovedConfig approved, ApprovalStore observed) {
        this.settings = settings;
        this.rules = rules;
        this.container = rules.compiled().container();
        Interner interner = new Interner();
        this.shards = new Shard[Math.max(1, settings.shards())];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(i, settings, baselineSettings, interner, rules, listener,
                    new DriftTracker(approved, observed));
        }
    }

    /** Loads a checkpointed baseline into its shard; before {@link #start()}. */
    public void restore(String agentId, byte[] checkpoint) {
        if (started) {
            throw new IllegalStateException("restore before start");
        }
        shards[shardOf(agentId)].restore(checkpoint);
    }

    /** Loads the stored running state of a configuration object into its shard; before {@link #start()}. */
    public void restore(ConfigObject observed) {
        if (started) {
            throw new IllegalStateException("restore before start");
        }
        shards[shardOf(observed.agentId())].drift().restore(observed);
    }

    /**
     * Before {@link #start()}: instances share agents (scale-out). Shards load an agent's checkpointed state when
     * its first event arrives, and {@link #evict} drops agents whose partitions moved away.
     */
    public void shareAgents(AgentStates states) {
        if (started) {
            throw new IllegalStateException("shareAgents before start");
        }
        for (Shard s : shards) {
            s.shareAgents(states);
        }
    }

    /**
     * Forgets every agent whose events came through one of {@code sources}, between batches, and waits for it.
     *
     * @return the agents forgotten
     */
    public java.util.Set<String> evict(java.util.Set<String> sources) {
        List<CompletableFuture<java.util.Set<String>>> parts = new ArrayList<>();
        for (Shard s : shards) {
            parts.add(s.evict(sources));
        }
        java.util.Set<String> gone = new java.util.HashSet<>();
        parts.forEach(p -> gone.addAll(p.join()));
        return gone;
    }

    public synchronized void start() {
        if (!started) {
            for (Shard s : shards) {
                s.start();
            }
            started = true;
        }
    }

    /** Events with room reserved on every shard they route to, split by shard: see {@link #admit}. */
    public static final class Admission {
        private final List<List<Event>> parts;
        /** For each part, the index in the submitted batch of each of its events. */
        private final List<int[]> indexes;

        private Admission(List<List<Event>> parts, List<int[]> indexes) {
            this.parts = parts;
            this.indexes = indexes;
        }
    }

    /**
     * Accepts the events and completes when all of them are processed and their detections handed on. Not
     * journaled: for offline checks and benchmarks; the service goes through {@link JournaledIntake}.
     */
    public CompletableFuture<BatchResult> submit(List<Event> events, long waitMillis) {
        return process(admit(events, waitMillis), EventPositions.NONE);
    }

    /**
     * Reserves room for the events on every shard they route to, waiting up to {@code waitMillis}; all or nothing.
     *
     * @throws EngineSaturatedException when some shard stays full
     */
    public Admission admit(List<Event> events, long waitMillis) {
        List<List<Event>> parts = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            parts.add(new ArrayList<>(events.size() / shards.length + 16));
        }
        int[] shardOfEvent = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            shardOfEvent[i] = shardOf(events.get(i).agentId());
            parts.get(shardOfEvent[i]).add(events.get(i));
        }
        List<int[]> indexes = new ArrayList<>(shards.length);
        int[] filled = new int[shards.length];
        for (List<Event> part : parts) {
            indexes.add(new int[part.size()]);
        }
        for (int i = 0; i < events.size(); i++) {
            indexes.get(shardOfEvent[i])[filled[shardOfEvent[i]]++] = i;
        }
        int reserved = 0;
        try {
            for (; reserved < shards.length; reserved++) {
                if (!shards[reserved].reserve(parts.get(reserved).size(), waitMillis)) {
                    throw new EngineSaturatedException(reserved, java.time.Duration.ofSeconds(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineSaturatedException(reserved, java.time.Duration.ofSeconds(1));
        } finally {
            if (reserved < shards.length) {
                for (int i = 0; i < reserved; i++) {
                    shards[i].release(parts.get(i).size());
                }
            }
        }
        return new Admission(parts, indexes);
    }

    /** Gives back the room of an admission that will not be processed. */
    public void abandon(Admission admission) {
        for (int i = 0; i < shards.length; i++) {
            shards[i].release(admission.parts.get(i).size());
        }
    }

    /**
     * Queues admitted events on their shards; the future completes when all are processed and their detections
     * handed on.
     *
     * @param positions where each event sits in the log it was read from (positions its detections)
     */
    public CompletableFuture<BatchResult> process(Admission admission, EventPositions positions) {
        CompletableFuture<BatchResult> all = CompletableFuture.completedFuture(BatchResult.EMPTY);
        for (int i = 0; i < shards.length; i++) {
            if (!admission.parts.get(i).isEmpty()) {
                all = all.thenCombine(shards[i].process(admission.parts.get(i), admission.indexes.get(i), positions),
                        BatchResult::plus);
            }
        }
        return all;
    }

    /**
     * Queues a checkpoint on every shard and returns without waiting: whatever was queued before is in it, nothing
     * queued after. The caller queues it at one journal position (see {@link JournaledIntake#cut}).
     */
    public List<CompletableFuture<ShardCheckpoint>> checkpoint() {
        List<CompletableFuture<ShardCheckpoint>> out = new ArrayList<>(shards.length);
        for (Shard s : shards) {
            out.add(s.checkpoint());
        }
        return out;
    }

    /**
     * Takes back the shards' checkpointed sessions; before {@link #start()}. Saved under another shard count, the
     * facts are routed to the shards that now own their agents, and every shard takes all the remembered event ids
     * (they are hashed with their agent, so they cannot match another agent's).
     *
     * @return false when the snapshots were taken with another shard count
     */
    public boolean restoreSessions(java.util.Map<Integer, byte[]> snapshots) {
        if (started) {
            throw new IllegalStateException("restore before start");
        }
        if (snapshots.isEmpty()) {
            return true;
        }
        boolean sameCount = snapshots.keySet().stream().allMatch(i -> i < shards.length)
                && snapshots.size() == shards.length;
        if (sameCount) {
            snapshots.forEach((i, data) -> shards[i].restore(ShardSnapshot.decode(data)));
            return true;
        }
        List<List<Object>> facts = new ArrayList<>();
        for (int i = 0; i < shards.length; i++) {
            facts.add(new ArrayList<>());
        }
        long newest = Long.MIN_VALUE;
        List<ShardSnapshot> decoded = snapshots.values().stream().map(ShardSnapshot::decode).toList();
        for (ShardSnapshot snapshot : decoded) {
            newest = Math.max(newest, snapshot.newest());
            for (Object fact : snapshot.facts()) {
                facts.get(shardOf(ShardSnapshot.agentOf(fact))).add(fact);
            }
        }
        for (int i = 0; i < shards.length; i++) {
            facts.get(i).sort(java.util.Comparator.comparingLong(ShardSnapshot::timeOf));
            shards[i].restore(new ShardSnapshot(newest, RecentIds.State.EMPTY, facts.get(i)));
            for (ShardSnapshot snapshot : decoded) {
                shards[i].restore(new ShardSnapshot(Long.MIN_VALUE, snapshot.ids(), List.of()));
            }
        }
        return false;
    }

    /**
     * Makes {@code next} the active rule set on every shard at once, keeping sessions, their facts and window
     * state: all shards are parked between batches, the shared container moves to the new version in place
     * (changed rules re-match existing facts), each shard takes the new allowlists, and all resume. Events
     * submitted meanwhile wait in the queues: none is lost or processed twice.
     */
    public synchronized void activate(RuleSet next) {
        CountDownLatch parked = new CountDownLatch(shards.length);
        CountDownLatch resume = new CountDownLatch(1);
        for (Shard s : shards) {
            s.park(parked, resume);
        }
        try {
            if (started && !parked.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("shards did not reach the activation barrier within 60 s");
            }
            Results results = container.updateToVersion(next.compiled().releaseId());
            if (results.hasMessages(Message.Level.ERROR)) {
                throw new IllegalStateException("rule version " + next.version() + " could not be applied: "
                        + results.getMessages(Message.Level.ERROR));
            }
            for (Shard s : shards) {
                s.useRules(next);
            }
            rules = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while activating rules", e);
        } finally {
            resume.countDown();
        }
    }

    /** Runs {@code work} against the baselines of the shard that owns the agent, on that shard's thread. */
    public <T> CompletableFuture<T> onAgentShard(String agentId, Function<Baselines, T> work) {
        return shards[shardOf(agentId)].call(work);
    }

    /** Runs {@code work} against the configuration state of the shard that owns the agent, on that shard's thread. */
    public <T> CompletableFuture<T> onAgentDrift(String agentId, Function<DriftTracker, T> work) {
        Shard s = shards[shardOf(agentId)];
        return s.call(b -> work.apply(s.drift()));
    }

    /**
     * Replaces the deployment records every shard's rules see (verified records only; none while the record chain
     * is broken). Waits until every shard has them.
     */
    public void useDeployments(List<Deployment> deployments) {
        List<Deployment> copy = List.copyOf(deployments);
        for (Shard s : shards) {
            s.useDeployments(copy).join();
        }
    }

    /** Runs {@code work} on every shard's thread and returns the results in shard order. */
    public <T> List<T> onEveryShard(Function<Baselines, T> work) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Shard s : shards) {
            futures.add(s.call(work));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    public RuleSet rules() {
        return rules;
    }

    public EngineSettings settings() {
        return settings;
    }

    public List<ShardStats> stats() {
        List<ShardStats> out = new ArrayList<>();
        for (Shard s : shards) {
            out.add(s.stats());
        }
        return out;
    }

    public int shardOf(String agentId) {
        int h = agentId.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), shards.length);
    }

    @Override
    public void close() {
        for (Shard s : shards) {
            s.stop();
        }
    }
}
