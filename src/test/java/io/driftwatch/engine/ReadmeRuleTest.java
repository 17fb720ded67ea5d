package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/** The README's example rule is code: it compiles next to the shipped rules and does what the README says. */
class ReadmeRuleTest {

    @Test
    void theReadmeExampleRuleCompilesAndFires(@TempDir Path rules) throws Exception {
        Matcher m = Pattern.compile("(?s)```\\n(rule \".*?\\nend)\\n```").matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "README has an example rule in a ``` block");
        Files.writeString(rules.resolve("example.drl"), "package rules.example;\nimport io.driftwatch.event.*;\n"
                + "global Alerts alerts;\n\n" + m.group(1) + "\n");
        RuleSet set = new RuleLoader(new RuleCompiler()).load(rules, 1);
        List<Detection> detections = new ArrayList<>();
        EngineSettings settings = new EngineSettings(1, 10_000, Duration.ofMinutes(5), Duration.ofHours(1), 1000);
        try (Engine engine = new Engine(settings, BaselineSettings.defaults(), set, detections::addAll)) {
            engine.start();
            Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
            List<Event> events = new ArrayList<>();
            for (int h = 0; h < 8 * 24; h++) {
                events.add(TestEvents.outbound("py-9", t0.plus(Duration.ofHours(h)), "140.82.112.3", "github.com"));
            }
            events.add(ssh("py-9", t0.plus(Duration.ofDays(8)), "203.0.113.9"));
            engine.submit(events, 1000).join();
        }
        assertEquals(1, detections.size());
        assertEquals("A python agent contacts a new destination on port 22", detections.get(0).rule());
    }

    static Event ssh(String agent, Instant t, String ip) {
        return new Event(null, agent, t, EventType.NETWORK, null, null,
                new Event.Network("outbound", "tcp", "10.0.0.5", 40000, ip, 22, null, 100L, 100L), null, null, null, null);
    }
}
