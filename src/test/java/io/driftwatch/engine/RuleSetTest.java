package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/** The shipped rule set, driven through the engine with event time: each rule fires, and its near miss does not. */
class RuleSetTest {

    static RuleSet rules;
    final List<Detection> detections = new CopyOnWriteArrayList<>();
    Engine engine;
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @BeforeAll
    static void compileShippedRules() {
        rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 1);
    }

    @BeforeEach
    void startEngine() {
        EngineSettings settings = new EngineSettings(2, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 10_000);
        engine = new Engine(settings, BaselineSettings.defaults(), rules, detections::addAll);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    void send(List<Event> events) {
        engine.submit(events, 1000).join();
    }

    /** Eight days of hourly, ordinary behaviour for one python agent. */
    List<Event> week(String agent) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 8 * 24; h++) {
            Instant t = T0.plus(Duration.ofHours(h));
            events.add(TestEvents.process(agent, t, "/usr/bin/containerd-shim", "/usr/bin/python3"));
            events.add(TestEvents.process(agent, t.plusSeconds(1), "/usr/bin/python3", "/usr/bin/git"));
            events.add(TestEvents.outbound(agent, t.plusSeconds(2), "140.82.112.3", "github.com"));
            events.add(TestEvents.module(agent, t.plusSeconds(3), "/usr/bin/python3", "/usr/lib/libssl.so.3", TestEvents.sha(1)));
        }
        return events;
    }

    Instant day8(int minutes) {
        return T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(23)).plus(Duration.ofMinutes(minutes));
    }

    List<String> rulesFired() {
        return detections.stream().map(Detection::rule).toList();
    }

    @Test
    void pythonAgentSpawningBashFiresTheLineageRule() {
        send(week("py-1"));
        assertTrue(detections.isEmpty(), () -> "a known week raises nothing: " + detections);
        send(List.of(TestEvents.process("py-1", day8(5), "/usr/bin/python3", "/bin/bash")));
        assertEquals(List.of("A process starts from a parent neither the baseline nor an allowlist knows"), rulesFired());
        assertEquals("lineage:/usr/bin/python3 -> /bin/bash", detections.get(0).behaviourKey());
    }

    @Test
    void aLineageTheBaselineKnowsDoesNotFire() {
        send(week("py-2"));
        send(List.of(TestEvents.process("py-2", day8(5), "/usr/bin/python3", "/usr/bin/git")));
        assertTrue(detections.isEmpty(), () -> detections.toString());
    }

    @Test
    void anAgentInLearningModeRaisesNothing() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant t = T0.plus(Duration.ofHours(i * 5));
            events.add(TestEvents.process("new-1", t, "/usr/bin/python3", "/bin/sh" + i));
            events.add(TestEvents.outbound("new-1", t, "203.0." + i + ".1", null));
            events.add(TestEvents.module("new-1", t, "/usr/bin/python3", "/tmp/x" + i + ".so", TestEvents.sha(100 + i)));
        }
        send(events);
        assertTrue(detections.isEmpty(), () -> detections.toString());
    }

    @Test
    void aQuarantinedLineageFiresAgainUntilAccepted() {
        send(week("py-3"));
        send(List.of(TestEvents.process("py-3", day8(5), "/usr/bin/python3", "/bin/bash")));
        send(List.of(TestEvents.process("py-3", day8(7), "/usr/bin/python3", "/bin/bash")));
        assertEquals(2, detections.size());
        assertEquals(Baselines_ACCEPTED, engine.onAgentShard("py-3",
                b -> b.accept("py-3", "lineage:/usr/bin/python3 -> /bin/bash")).join().name());
        send(List.of(TestEvents.process("py-3", day8(9), "/usr/bin/python3", "/bin/bash")));
        assertEquals(2, detections.size());
    }

    static final String Baselines_ACCEPTED = "ACCEPTED";

    @Test
    void allowlistedLineageDoesNotFire() {
        send(week("py-4"));
        send(List.of(TestEvents.process("py-4", day8(5), "/usr/sbin/logrotate", "/bin/gzip")));
        assertFalse(rulesFired().contains("A process starts from a parent neither the baseline nor an allowlist knows"));
    }
}
