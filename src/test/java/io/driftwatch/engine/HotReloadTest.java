package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/** A new rule version takes effect on live sessions, keeping their facts, and no event is lost or doubled. */
class HotReloadTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    final RuleLoader loader = new RuleLoader(new RuleCompiler());

    RuleSet shippedWithFloor(Path dir, int floor, long version) throws Exception {
        io.driftwatch.TestFiles.copyTree(Path.of("rules"), dir);
        Path drl = dir.resolve("behaviour/destinations.drl");
        Files.writeString(drl, Files.readString(drl).replace("* 3, 10)", "* 3, " + floor + ")"));
        return loader.load(dir, version);
    }

    @Test
    void aLoweredThresholdFiresOnNoveltiesSeenBeforeTheReload(@TempDir Path v2) throws Exception {
        List<Detection> detections = new CopyOnWriteArrayList<>();
        EngineSettings settings = new EngineSettings(2, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 1000);
        try (Engine engine = new Engine(settings, BaselineSettings.defaults(), loader.load(Path.of("rules"), 1), detections::addAll)) {
            engine.start();
            List<Event> week = new ArrayList<>();
            for (int h = 0; h < 8 * 24; h++) {
                week.add(TestEvents.outbound("hr-1", T0.plus(Duration.ofHours(h)), "140.82.112.3", "github.com"));
            }
            engine.submit(week, 1000).join();
            Instant day8 = T0.plus(Duration.ofDays(8));
            List<Event> eight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                eight.add(TestEvents.outbound("hr-1", day8.plusSeconds(60L * i), "198.51.100." + (i + 1), "n" + i + ".example"));
            }
            engine.submit(eight, 1000).join();
            assertTrue(detections.isEmpty(), "eight new destinations are under the floor of 10");

            RuleSet lower = shippedWithFloor(v2, 5, 2);
            long started = System.nanoTime();
            engine.activate(lower);
            System.out.printf("activation of version 2 took %.1f ms%n", (System.nanoTime() - started) / 1e6);
            assertEquals(2, engine.rules().version());
            assertTrue(engine.stats().stream().allMatch(s -> s.rulesVersion() == 2));

            engine.submit(List.of(TestEvents.outbound("hr-1", day8.plusSeconds(600), "140.82.112.3", "github.com")), 1000).join();
            assertEquals(List.of("destination-burst"), detections.stream().map(Detection::behaviourKey).distinct().toList(),
                    "the novelties from before the reload now exceed the lowered floor");
        }
    }

    @Test
    void aReloadWhileEventsStreamLosesAndDoublesNothing(@TempDir Path v2) throws Exception {
        EngineSettings settings = new EngineSettings(2, 50_000, Duration.ofMinutes(5), Duration.ofHours(1), 1000);
        try (Engine engine = new Engine(settings, BaselineSettings.defaults(), loader.load(Path.of("rules"), 1), d -> { })) {
            engine.start();
            RuleSet next = shippedWithFloor(v2, 12, 2);
            AtomicLong processed = new AtomicLong();
            int batches = 200;
            int perBatch = 1000;
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Event> batch = new ArrayList<>(perBatch);
                    for (int i = 0; i < perBatch; i++) {
                        batch.add(TestEvents.process("stream-" + (i % 500), T0.plusSeconds(b * perBatch + i), "/bin/sh", "/bin/ls"));
                    }
                    processed.addAndGet(engine.submit(batch, 10_000).join().processed());
                }
            });
            while (engine.stats().stream().mapToLong(ShardStats::processed).sum() < batches * perBatch / 4) {
                Thread.onSpinWait();
            }
            long started = System.nanoTime();
            engine.activate(next);
            long micros = (System.nanoTime() - started) / 1000;
            stream.join();
            long total = engine.stats().stream().mapToLong(ShardStats::processed).sum();
            System.out.printf("activation during the stream took %.1f ms%n", micros / 1000.0);
            assertEquals(batches * perBatch, processed.get());
            assertEquals(batches * perBatch, total, "every event processed exactly once");
            assertEquals(2, engine.rules().version());
        }
    }
}
