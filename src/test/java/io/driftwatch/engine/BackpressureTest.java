package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/** A saturated shard refuses new work instead of queueing without bound, and nothing is half-accepted. */
class BackpressureTest {

    @Test
    void aFullShardRefusesTheWholeSubmissionUntilItDrains() throws Exception {
        RuleSet rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 1);
        EngineSettings settings = new EngineSettings(1, 100, Duration.ofMinutes(5), Duration.ofHours(1), 1000);
        try (Engine engine = new Engine(settings, BaselineSettings.defaults(), rules, d -> { })) {
            engine.start();
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> blocker = engine.onAgentShard("a", b -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            CompletableFuture<BatchResult> queued = engine.submit(events(100), 0);
            EngineSaturatedException refused = assertThrows(EngineSaturatedException.class,
                    () -> engine.submit(events(1), 0));
            assertEquals(Duration.ofSeconds(1), refused.retryAfter());
            release.countDown();
            blocker.join();
            assertEquals(100, queued.join().processed());
            assertEquals(1, engine.submit(events(1), 1000).join().processed());
        }
    }

    static List<Event> events(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestEvents.process("agent-" + i, Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i), "/bin/sh", "/bin/ls"));
        }
        return out;
    }
}
