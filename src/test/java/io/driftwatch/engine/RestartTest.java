package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/**
 * What a checkpoint carries across a restart besides baselines: the session's facts, so a correlation whose halves
 * straddle the restart still matches and nothing fires twice; and the recent event ids, so a batch resent after
 * the restart is recognised.
 */
class RestartTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(7));
    static final String PYTHON = "/usr/bin/python3";
    static final String CORRELATION = BehaviourRulesTest.NEW_DESTINATION_AND_MODULE;
    static final String UNKNOWN_MODULE = BehaviourRulesTest.UNKNOWN_MODULE;

    static RuleSet rules;
    final List<Detection> detections = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void compileShippedRules() {
        rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 31);
    }

    Engine engine(int shards) {
        EngineSettings settings = new EngineSettings(shards, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 10_000);
        return new Engine(settings, BaselineSettings.defaults(), rules, detections::addAll);
    }

    /** Runs a week of ordinary behaviour and a new module on day 8, then checkpoints and stops. */
    List<ShardCheckpoint> runUntilTheModuleThenStop() {
        Engine before = engine(2);
        before.start();
        List<Event> week = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) {
            Instant t = T0.plus(Duration.ofHours(h));
            week.add(TestEvents.process("r-1", t, "/usr/bin/containerd-shim", PYTHON));
            week.add(TestEvents.outbound("r-1", t.plusSeconds(2), "140.82.112.3", "github.com"));
            week.add(TestEvents.module("r-1", t.plusSeconds(3), PYTHON, "/usr/lib/libssl.so.3", TestEvents.sha(1)));
        }
        before.submit(week, 1000).join();
        before.submit(List.of(withId(TestEvents.module("r-1", DAY8.plusSeconds(300), PYTHON, "/tmp/.x/libevil.so",
                TestEvents.sha(666)), "ev-module")), 1000).join();
        List<ShardCheckpoint> checkpoint = before.checkpoint().stream().map(CompletableFuture::join).toList();
        before.close();
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired());
        return checkpoint;
    }

    Engine restart(int shards, List<ShardCheckpoint> checkpoint, boolean withSessions) {
        Engine after = engine(shards);
        Map<Integer, byte[]> sessions = new HashMap<>();
        for (ShardCheckpoint part : checkpoint) {
            part.baselines().forEach(after::restore);
            if (withSessions && part.session() != null) {
                sessions.put(part.shard(), part.session());
            }
        }
        after.restoreSessions(sessions);
        after.start();
        return after;
    }

    void sendDestination(Engine e) {
        e.submit(List.of(TestEvents.outbound("r-1", DAY8.plusSeconds(840), "203.0.113.9", "c2.example.net")), 1000).join();
    }

    @Test
    void aCorrelationStraddlingARestartStillFiresAndNothingFiresTwice() {
        List<ShardCheckpoint> checkpoint = runUntilTheModuleThenStop();
        try (Engine after = restart(2, checkpoint, true)) {
            sendDestination(after);
        }
        assertEquals(List.of(UNKNOWN_MODULE, CORRELATION), rulesFired());
    }

    @Test
    void withoutTheSessionTheCorrelationIsLost() {
        List<ShardCheckpoint> checkpoint = runUntilTheModuleThenStop();
        try (Engine after = restart(2, checkpoint, false)) {
            sendDestination(after);
        }
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired(), "the near miss: only the session carries the module over");
    }

    @Test
    void sessionsFollowTheirAgentsToANewShardCount() {
        List<ShardCheckpoint> checkpoint = runUntilTheModuleThenStop();
        try (Engine after = restart(3, checkpoint, true)) {
            sendDestination(after);
        }
        assertEquals(List.of(UNKNOWN_MODULE, CORRELATION), rulesFired());
    }

    @Test
    void anEventResentAfterTheRestartIsADuplicate() {
        List<ShardCheckpoint> checkpoint = runUntilTheModuleThenStop();
        try (Engine after = restart(2, checkpoint, true)) {
            BatchResult r = after.submit(List.of(withId(TestEvents.module("r-1", DAY8.plusSeconds(300), PYTHON,
                    "/tmp/.x/libevil.so", TestEvents.sha(666)), "ev-module")), 1000).join();
            assertEquals(1, r.duplicates());
        }
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired());
    }

    List<String> rulesFired() {
        return detections.stream().map(Detection::rule).toList();
    }

    static Event withId(Event e, String id) {
        return new Event(id, e.agentId(), e.time(), e.type(), e.process(), e.container(), e.network(), e.module(),
                e.api(), e.resource(), e.config());
    }
}
