package io.driftwatch.bench;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.engine.BatchResult;
import io.driftwatch.engine.Engine;
import io.driftwatch.engine.EngineSettings;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.engine.ShardStats;
import io.driftwatch.event.Event;

/**
 * Drives an {@link Engine} built as the service builds it (default settings, the rules directory) with a
 * workload, one day at a time: preparing a day is not timed, submitting it is. Submission blocks on the
 * engine's backpressure and keeps a bounded number of batches in flight.
 */
final class InProcessRun {

    /** What one measured pass did. */
    record Result(String name, long events, long nanos, BatchResult totals, AlertCheck alerts, long liveHeapAfter) {
        double eventsPerSecond() {
            return events / (nanos / 1e9);
        }
    }

    private static final long WAIT_MILLIS = 10 * 60_000L;
    private final RuleSet rules;
    private final Workload workload;
    private final int batchSize;
    private final int inFlight;
    private final Set<Integer> checkpoints;
    private final int histogram;
    private final PrintStream out;

    /** @param histogram classes of the live-heap histogram printed at each checkpoint; 0 for none */
    InProcessRun(RuleSet rules, Workload workload, int batchSize, int inFlight, Set<Integer> checkpoints, int histogram,
                 PrintStream out, RuleSet reload, int reloadDay) {
        this.reload = reload;
        this.reloadDay = reloadDay;
        this.rules = rules;
        this.workload = workload;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.checkpoints = checkpoints;
        this.histogram = histogram;
        this.out = out;
    }

    private final RuleSet reload;
    private final int reloadDay;

    /** (a) Engine only: Event objects built before the clock starts. */
    Result engineOnly() {
        return run("engine only", (engine, d, pass) -> {
            List<Event> events = workload.events(d);
            pass.startClock();
            long t0 = System.nanoTime();
            if (reload != null && d + 1 == reloadDay) {
                // a hot reload in the middle of the day, with batches in flight: the day's figure includes it
                pass.submit(engine, events.subList(0, events.size() / 2));
                long r0 = System.nanoTime();
                engine.activate(reload);
                out.printf("   hot reload to rules version %d halfway through day %d took %.0f ms%n", reload.version(), d + 1,
                        (System.nanoTime() - r0) / 1e6);
                pass.submit(engine, events.subList(events.size() / 2, events.size()));
            } else {
                pass.submit(engine, events);
            }
            pass.drain();
            return new long[] {events.size(), System.nanoTime() - t0};
        });
    }

    /** (b) Parse + engine: NDJSON bytes read by the service's EventReader, then submitted, all timed. */
    Result parseAndEngine() {
        ContractParser parser = new ContractParser();
        Result r = run("parse + engine", (engine, d, pass) -> {
            List<byte[]> bodies = workload.ndjson(d).batches(batchSize);
            long events = 0;
            pass.startClock();
            long t0 = System.nanoTime();
            for (byte[] body : bodies) {
                List<Event> batch = parser.parse(body);
                events += batch.size();
                pass.submitOne(engine, batch);
            }
            pass.drain();
            return new long[] {events, System.nanoTime() - t0};
        });
        if (parser.rejected() > 0) {
            out.printf("   the reader rejected %,d events; first: %s%n", parser.rejected(), parser.firstProblem());
        }
        return r;
    }

    private interface DayStep {
        /** Returns {events, nanos}; calls {@code pass.startClock()} just before the timed part. */
        long[] run(Engine engine, int day, Pass pass);
    }

    private Result run(String name, DayStep step) {
        out.printf("%n== in-process, %s: %s%n", name, workload.description());
        out.printf("   %d shards, batches of %,d events, at most %d batches in flight%n",
                EngineSettings.defaults().shards(), batchSize, inFlight);
        AlertCheck alerts = new AlertCheck();
        Pass pass = new Pass();
        long events = 0;
        long nanos = 0;
        long shardCpu = 0;
        long live = -1;
        try (Engine engine = new Engine(EngineSettings.defaults(), BaselineSettings.defaults(), rules,
                detections -> {
                    for (Detection d : detections) {
                        alerts.add(d.agentId(), d.rule(), d.eventTime() + " " + d.summary());
                    }
                })) {
            engine.start();
            for (int d = 0; d < workload.days(); d++) {
                long[] day = step.run(engine, d, pass);
                ShardCpu.Used cpu = pass.cpu.sinceMark();
                events += day[0];
                nanos += day[1];
                shardCpu += cpu.maxNanos();
                String heap = "";
                if (checkpoints.contains(d + 1) || (d + 1) % 4 == 0 || d == workload.days() - 1) {
                    live = HeapProbe.liveBytes();
                    heap = "  live heap after GC " + HeapProbe.mb(live);
                }
                out.printf("   day %d: %,10d events in %6.2f s = %,9.0f events/s (busiest shard on CPU %5.2f s, GC %5.2f s)%s%n",
                        d + 1, day[0], day[1] / 1e9, day[0] / (day[1] / 1e9), cpu.maxNanos() / 1e9, cpu.gcMillis() / 1e3, heap);
                if (!heap.isEmpty() && histogram > 0) {
                    out.print(HeapProbe.histogram(histogram));
                }
            }
            // wall time also counts waiting for a core (other work on the machine), GC and the submitting thread
            out.printf("   the busiest shard thread was on CPU %.2f s in all; were each shard alone on a core, the shards would"
                    + " keep up with ~%,.0f events/s%n", shardCpu / 1e9, events / (shardCpu / 1e9));
            long late = 0;
            long dups = 0;
            for (ShardStats s : engine.stats()) {
                late += s.late();
                dups += s.duplicates();
            }
            out.printf("   engine counted %,d late and %,d duplicate events%n", late, dups);
        }
        Result r = new Result(name, events, nanos, pass.totals, alerts, live);
        out.printf("   the engine processed %,d events and raised %,d detections%n", r.totals().processed(),
                r.totals().detections());
        out.printf("   %s: %,d events in %.2f s wall = %,.0f events/s%n", name, events, nanos / 1e9, r.eventsPerSecond());
        return r;
    }

    /** Batches in flight on one engine. */
    private final class Pass {
        private final ArrayDeque<CompletableFuture<BatchResult>> pending = new ArrayDeque<>();
        private final ShardCpu cpu = new ShardCpu();
        private BatchResult totals = new BatchResult(0, 0, 0, 0);

        void startClock() {
            cpu.mark();
        }

        void submit(Engine engine, List<Event> events) {
            for (int i = 0; i < events.size(); i += batchSize) {
                submitOne(engine, events.subList(i, Math.min(events.size(), i + batchSize)));
            }
        }

        void submitOne(Engine engine, List<Event> batch) {
            pending.add(engine.submit(batch, WAIT_MILLIS));
            while (pending.size() > inFlight) {
                add(pending.poll().join());
            }
        }

        void drain() {
            while (!pending.isEmpty()) {
                add(pending.poll().join());
            }
        }

        private void add(BatchResult r) {
            totals = new BatchResult(totals.processed() + r.processed(), totals.duplicates() + r.duplicates(),
                    totals.late() + r.late(), totals.detections() + r.detections());
        }
    }
}
