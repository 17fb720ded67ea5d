package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/** A rule that throws at runtime loses its own match; the batch, and every other rule, go on. */
class RuleErrorTest {

    static final String THROWING = """
            package rules.test;
            import io.driftwatch.event.*;
            global Alerts alerts;
            rule "A rule that reads a module of every lineage, which has none"
                @severity("low") @description("broken on purpose")
            when
                $n : Novelty(kind == BehaviourKind.LINEAGE, getEvent().module().path() != null)
            then
                alerts.raise($n.getAgentId(), $n.getBehaviourKey());
            end
            """;

    static final String WORKING = """
            package rules.test;
            import io.driftwatch.event.*;
            global Alerts alerts;
            rule "Any new lineage"
                @severity("low") @description("works")
            when
                $n : Novelty(kind == BehaviourKind.LINEAGE)
            then
                alerts.raise($n.getAgentId(), $n.getBehaviourKey()).cite($n);
            end
            """;

    @Test
    void aFailingRuleDoesNotFailTheBatchOrBlindTheOthers() {
        RuleSet rules = new RuleLoader(new RuleCompiler()).compile(Map.of("test/a-throwing.drl", THROWING,
                "test/b-working.drl", WORKING), 1);
        List<Detection> detections = new CopyOnWriteArrayList<>();
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        try (Engine engine = new Engine(new EngineSettings(1, 10_000, Duration.ofMinutes(5), Duration.ofHours(1), 1000),
                BaselineSettings.defaults(), rules, detections::addAll)) {
            engine.start();
            List<Event> events = new ArrayList<>();
            for (int h = 0; h < 8 * 24; h++) {
                events.add(TestEvents.process("err-1", t0.plus(Duration.ofHours(h)), "/usr/bin/python3", "/usr/bin/git"));
            }
            events.add(TestEvents.process("err-1", t0.plus(Duration.ofDays(8)).plusSeconds(60), "/usr/bin/python3", "/bin/bash"));
            BatchResult r = engine.submit(events, 1000).join();

            assertEquals(events.size(), r.processed(), "the batch was processed, not refused");
            assertTrue(detections.stream().anyMatch(d -> d.rule().equals("Any new lineage")), detections.toString());
            assertTrue(engine.stats().get(0).ruleErrors() >= 1, "the failure is counted");
        }
    }
}
