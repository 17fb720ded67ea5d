package io.driftwatch.engine;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Per-shard gauges: queue depth (backpressure), events processed, duplicates, late events, baselines held. */
@ApplicationScoped
public class EngineMetrics {

    private final MeterRegistry registry;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** How long a rule change took to activate on every shard. */
    public void ruleActivation(long millis) {
        io.micrometer.core.instrument.Timer.builder("driftwatch.rules.activation")
                .description("time from parking the shards to resuming them on a new rule version")
                .register(registry).record(java.time.Duration.ofMillis(millis));
    }

    /** A checkpoint written, or one that failed (its changes wait for the next; the journal keeps them meanwhile). */
    void checkpoint(long nanos, boolean written) {
        io.micrometer.core.instrument.Timer.builder("driftwatch.checkpoint")
                .description("time to take and write a checkpoint").tag("outcome", written ? "written" : "failed")
                .register(registry).record(java.time.Duration.ofNanos(nanos));
    }

    /** Journaled batches a restart would replay: those after the last checkpoint's cut. */
    void journal(java.util.function.LongSupplier uncheckpointedBatches) {
        Gauge.builder("driftwatch.journal.batches", uncheckpointedBatches, s -> s.getAsLong())
                .description("accepted batches journaled since the last checkpoint (replayed after a crash)")
                .register(registry);
    }

    void register(Engine engine) {
        for (int i = 0; i < engine.stats().size(); i++) {
            int shard = i;
            gauge("driftwatch.shard.queued.events", "events waiting in the shard's queue", engine, shard, ShardStats::queuedEvents);
            gauge("driftwatch.shard.processed.events", "events processed by the shard", engine, shard, ShardStats::processed);
            gauge("driftwatch.shard.duplicate.events", "events skipped as duplicates of a recent id", engine, shard, ShardStats::duplicates);
            gauge("driftwatch.shard.late.events", "events older than the newest by more than the allowed lateness", engine, shard, ShardStats::late);
            gauge("driftwatch.shard.baseline.agents", "agents with a baseline on the shard", engine, shard, ShardStats::agents);
            gauge("driftwatch.shard.rule.errors", "rule evaluations that failed at runtime (see the log)", engine, shard, ShardStats::ruleErrors);
        }
    }

    private void gauge(String name, String help, Engine engine, int shard, ToDoubleFunction<ShardStats> value) {
        Gauge.builder(name, engine, e -> value.applyAsDouble(e.stats().get(shard)))
                .description(help).tag("shard", String.valueOf(shard)).register(registry);
    }
}
