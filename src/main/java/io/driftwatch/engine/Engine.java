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
import io.driftwatch.drift.ObservedStore;
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
        this(settings, baselineSettings, rules, listener, new ApprovedConfig(), ObservedStore.NONE);
    }

    /**
     * @param approved the approved configuration the shards judge config events against
     * @param observed where shards keep the running state of configuration objects
     */
    public Engine(EngineSettings settings, BaselineSettings baselineSettings, RuleSet rules, DetectionListener listener,
                  ApprovedConfig approved, ObservedStore observed) {
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

    public synchronized void start() {
        if (!started) {
            for (Shard s : shards) {
                s.start();
            }
            started = true;
        }
    }

    /**
     * Accepts the events if every shard they route to has room within {@code waitMillis}; the future completes
     * when all of them are processed and their detections handed on.
     */
    public CompletableFuture<BatchResult> submit(List<Event> events, long waitMillis) {
        List<List<Event>> parts = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            parts.add(new ArrayList<>(events.size() / shards.length + 16));
        }
        for (Event e : events) {
            parts.get(shardOf(e.agentId())).add(e);
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
        CompletableFuture<BatchResult> all = CompletableFuture.completedFuture(BatchResult.EMPTY);
        for (int i = 0; i < shards.length; i++) {
            if (!parts.get(i).isEmpty()) {
                all = all.thenCombine(shards[i].process(parts.get(i)), BatchResult::plus);
            }
        }
        return all;
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
