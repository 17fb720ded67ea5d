package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.event.Event;

/**
 * Rules 2 to 6 of the shipped rule set, driven through the engine with event time. Every agent first shows a
 * week of ordinary behaviour, then day 8 brings the scenario: each rule fires, and its near misses do not.
 */
class BehaviourRulesTest {

    static final String DESTINATION_BURST =
            "An agent reaches more first-seen destinations in an hour than three times its 7-day hourly average";
    static final String UNKNOWN_MODULE = "A module hash loads that neither the approved hash list nor the baseline knows";
    static final String NEW_DESTINATION_AND_MODULE =
            "A new outbound destination and a new module load on one agent within ten minutes";
    static final String CPU_SPIKE = "CPU stays above twice the 7-day p99 for five minutes or more";
    static final String EGRESS_SPIKE = "Egress stays above three times the 7-day p99 for five minutes or more";
    static final String PRINCIPAL_API_RATE = "A principal calls the API far more in an hour than its 7-day hourly p99";
    static final String AGENT_API_RATE =
            "An agent calls the API far more in an hour than its 7-day hourly p99, no single principal explaining it";
    static final String SENSITIVE_API_OPERATION = "A principal performs a sensitive API operation for the first time";
    static final String NEW_LINEAGE = "A process starts from a parent neither the baseline nor an allowlist knows";

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    /** The first moment of day 8: a week of baseline lies behind every agent, so it detects. */
    static final Instant DAY8 = T0.plus(Duration.ofDays(7));
    static final String PYTHON = "/usr/bin/python3";
    static final String LIBSSL = "/usr/lib/libssl.so.3";

    static RuleSet shippedRules;
    final List<Detection> detections = new CopyOnWriteArrayList<>();
    Engine engine;

    @BeforeAll
    static void compileShippedRules() {
        shippedRules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 21);
    }

    @BeforeEach
    void startEngine() {
        engine = start(shippedRules);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    Engine start(RuleSet rules) {
        EngineSettings settings = new EngineSettings(2, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 10_000);
        Engine e = new Engine(settings, BaselineSettings.defaults(), rules, detections::addAll);
        e.start();
        return e;
    }

    /** One batch: the rules fire once, after the last event. */
    void send(List<Event> events) {
        engine.submit(events, 1000).join();
    }

    /** One batch per event, as live traffic arrives: the rules fire after every event. */
    void sendEach(List<Event> events) {
        events.forEach(e -> send(List.of(e)));
    }

    static Instant day8(int minutes) {
        return DAY8.plus(Duration.ofMinutes(minutes));
    }

    static Instant day8(int minutes, int seconds) {
        return day8(minutes).plusSeconds(seconds);
    }

    List<Detection> fired(String rule) {
        return detections.stream().filter(d -> d.rule().equals(rule)).toList();
    }

    List<String> rulesFired() {
        return detections.stream().map(Detection::rule).toList();
    }

    void assertNothingFired() {
        assertTrue(detections.isEmpty(), () -> "expected no detection, got " + detections);
    }

    // ---- baselines: a week of ordinary hourly behaviour -------------------------------------------------------

    /** A python agent that every hour runs git, calls github.com and loads libssl. */
    void ordinaryWeek(String agent) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) {
            Instant t = T0.plus(Duration.ofHours(h));
            events.add(TestEvents.process(agent, t, "/usr/bin/containerd-shim", PYTHON));
            events.add(TestEvents.process(agent, t.plusSeconds(1), PYTHON, "/usr/bin/git"));
            events.add(TestEvents.outbound(agent, t.plusSeconds(2), "140.82.112.3", "github.com"));
            events.add(TestEvents.module(agent, t.plusSeconds(3), PYTHON, LIBSSL, TestEvents.sha(1)));
        }
        send(events);
        assertNothingFired();
    }

    /** Readings every five minutes: 0.2 to 0.5 cores, 1,000 to 2,000 bytes/s out. */
    void resourceWeek(String agent) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 7 * 24 * 12; i++) {
            double cores = 0.2 + 0.05 * (i % 7);
            long bytesPerSecond = 1000 + 250 * (i % 5);
            events.add(TestEvents.resource(agent, T0.plus(Duration.ofMinutes(5L * i)), cores, bytesPerSecond * 300, 300));
        }
        send(events);
        assertNothingFired();
    }

    /** Each principal makes ten calls an hour, one every six minutes. */
    void apiWeek(String agent, String... principals) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) {
            for (int call = 0; call < 10; call++) {
                for (int p = 0; p < principals.length; p++) {
                    Instant t = T0.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(6L * call)).plusSeconds(p);
                    events.add(TestEvents.api(agent, t, principals[p], "get pods"));
                }
            }
        }
        send(events);
        assertNothingFired();
    }

    // ---- rule 2: destination burst ------------------------------------------------------------------------------

    static List<Event> newDomains(String agent, int count, Instant from, Duration every) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestEvents.outbound(agent, from.plus(every.multipliedBy(i)), "203.0.113." + (i + 1),
                    "new-" + i + ".example.net"));
        }
        return events;
    }

    @Test
    void elevenNewDestinationsWithinAnHourFireTheBurstRule() {
        ordinaryWeek("dst-1");
        sendEach(newDomains("dst-1", 11, day8(5), Duration.ofMinutes(5)));
        assertEquals(List.of(DESTINATION_BURST), rulesFired());
        Detection d = detections.get(0);
        assertEquals("dst-1", d.agentId());
        assertEquals("destination-burst", d.behaviourKey());
        assertEquals(11, d.figures().get("new destinations in the last hour"));
        assertEquals(10.0, d.figures().get("threshold"));
        double average = (Double) d.figures().get("7-day hourly average of new destinations");
        assertTrue(average > 0 && average < 1, () -> "a week of the same destination, then 11 new ones: " + average);
        assertEquals(String.format("7-day hourly average %.1f new destinations; 11 in the last hour", average), d.summary());
        assertEquals(11, d.evidence().size());
        assertEquals(11, d.behaviours().size());
    }

    @Test
    void tenNewDestinationsWithinAnHourStayAtTheFloor() {
        ordinaryWeek("dst-2");
        sendEach(newDomains("dst-2", 10, day8(5), Duration.ofMinutes(5)));
        assertNothingFired();
    }

    @Test
    void elevenNewDestinationsSpreadOverThreeHoursDoNotFire() {
        ordinaryWeek("dst-3");
        sendEach(newDomains("dst-3", 11, day8(5), Duration.ofMinutes(18)));
        assertNothingFired();
    }

    @Test
    void aBusyAgentNeedsMoreThanThreeTimesItsAverage() {
        // five first-seen destinations every hour of the week: the threshold is about 3 x 5, not the floor of 10
        List<Event> week = new ArrayList<>();
        for (int h = 0; h < 7 * 24; h++) {
            for (int i = 0; i < 5; i++) {
                week.add(TestEvents.outbound("dst-4", T0.plus(Duration.ofHours(h)).plusSeconds(60L * i),
                        "198.51.100.7", "cdn-" + h + "-" + i + ".example.org"));
            }
        }
        send(week);
        sendEach(newDomains("dst-4", 12, day8(5), Duration.ofMinutes(4)));
        assertNothingFired();
        sendEach(List.of(
                TestEvents.outbound("dst-4", day8(55), "203.0.113.201", "more-1.example.net"),
                TestEvents.outbound("dst-4", day8(56), "203.0.113.202", "more-2.example.net"),
                TestEvents.outbound("dst-4", day8(57), "203.0.113.203", "more-3.example.net")));
        assertNothingFired(); // 15 is not above 3 x 5
        sendEach(List.of(TestEvents.outbound("dst-4", day8(58), "203.0.113.204", "more-4.example.net")));
        assertEquals(List.of(DESTINATION_BURST), rulesFired(), "16 pass three times the average");
        Detection d = detections.get(0);
        double average = (Double) d.figures().get("7-day hourly average of new destinations");
        assertEquals(5.0, average, 1e-9, "five an hour, every hour of the seven complete days");
        assertEquals(3 * average, (Double) d.figures().get("threshold"), 1e-9);
        assertEquals(16, d.figures().get("new destinations in the last hour"));
    }

    // ---- rule 3: module outside the approved hash list ---------------------------------------------------------

    @Test
    void anUnknownModuleHashFires() {
        ordinaryWeek("mod-1");
        sendEach(List.of(TestEvents.module("mod-1", day8(5), PYTHON, "/tmp/.x/libevil.so", TestEvents.sha(666))));
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired());
        Detection d = detections.get(0);
        assertEquals("module:" + PYTHON + " loads " + TestEvents.sha(666), d.behaviourKey());
        assertEquals("Not on the approved hash list and not in the baseline: /tmp/.x/libevil.so sha256 "
                + TestEvents.sha(666) + " loaded by " + PYTHON, d.summary());
        assertEquals(List.of(d.behaviourKey()), d.behaviours());
    }

    @Test
    void aModuleHashTheBaselineKnowsForThatExecutableDoesNotFire() {
        ordinaryWeek("mod-2");
        sendEach(List.of(TestEvents.module("mod-2", day8(5), PYTHON, LIBSSL, TestEvents.sha(1))));
        assertNothingFired();
    }

    @Test
    void anAllowlistedModuleHashDoesNotFireNorCorrelate(@TempDir Path dir) throws IOException {
        String approved = TestEvents.sha(777);
        RuleSet rules = rulesWith(dir, "allowlists/test-modules.yaml", """
                allow:
                  - kind: module
                    value: "%s"
                    reason: vendor agent library, approved by the platform team
                """.formatted(approved));
        engine.close();
        engine = start(rules);
        ordinaryWeek("mod-3");
        sendEach(List.of(
                TestEvents.module("mod-3", day8(5), PYTHON, "/opt/vendor/libagent.so", approved),
                TestEvents.outbound("mod-3", day8(7), "192.0.2.44", "telemetry.vendor.example")));
        assertNothingFired();
    }

    /** The shipped rules directory plus one extra file, compiled. */
    static RuleSet rulesWith(Path dir, String file, String text) throws IOException {
        io.driftwatch.TestFiles.copyTree(Path.of("rules"), dir);
        Files.writeString(dir.resolve(file), text);
        return new RuleLoader(new RuleCompiler()).load(dir, 22);
    }

    // ---- rule 4: new destination + new module ------------------------------------------------------------------

    @Test
    void aNewDestinationAndANewModuleWithinTenMinutesCorrelate() {
        ordinaryWeek("cor-1");
        sendEach(List.of(
                TestEvents.module("cor-1", day8(5), PYTHON, "/tmp/.x/libevil.so", TestEvents.sha(666)),
                TestEvents.outbound("cor-1", day8(14), "203.0.113.9", "c2.example.net")));
        assertEquals(List.of(UNKNOWN_MODULE, NEW_DESTINATION_AND_MODULE), rulesFired());
        Detection d = fired(NEW_DESTINATION_AND_MODULE).get(0);
        assertEquals("cor-1", d.agentId());
        assertEquals("new-destination+new-module", d.behaviourKey());
        assertEquals("high", d.severity());
        assertEquals("New destination c2.example.net and new module /tmp/.x/libevil.so within 540 s on one agent", d.summary());
        assertEquals(List.of("destination:c2.example.net", "module:" + PYTHON + " loads " + TestEvents.sha(666)),
                d.behaviours());
    }

    @Test
    void aNewDestinationElevenMinutesAfterANewModuleDoesNotCorrelate() {
        ordinaryWeek("cor-2");
        sendEach(List.of(
                TestEvents.module("cor-2", day8(5), PYTHON, "/tmp/.x/libevil.so", TestEvents.sha(666)),
                TestEvents.outbound("cor-2", day8(16), "203.0.113.9", "c2.example.net")));
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired());
    }

    @Test
    void novelBehavioursOnDifferentAgentsDoNotCorrelate() {
        ordinaryWeek("cor-3");
        ordinaryWeek("cor-4");
        sendEach(List.of(
                TestEvents.module("cor-3", day8(5), PYTHON, "/tmp/.x/libevil.so", TestEvents.sha(666)),
                TestEvents.outbound("cor-4", day8(6), "203.0.113.9", "c2.example.net")));
        assertEquals(List.of(UNKNOWN_MODULE), rulesFired());
        assertEquals("cor-3", detections.get(0).agentId());
    }

    // ---- rule 5: sustained resource spikes ---------------------------------------------------------------------

    /** One reading a minute for {@code minutes}, starting at {@code from} minutes into day 8. */
    static List<Event> minuteReadings(String agent, int from, int minutes, double cores, long bytesPerSecond) {
        List<Event> events = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            events.add(TestEvents.resource(agent, day8(from + m), cores, bytesPerSecond * 60, 60));
        }
        return events;
    }

    double p99(String agent, String figure) {
        return engine.onAgentShard(agent, b -> b.profile(agent).figures().get(figure)).join();
    }

    @Test
    void sixMinutesAtThreeCoresFireTheCpuRule() {
        resourceWeek("cpu-1");
        sendEach(minuteReadings("cpu-1", 10, 6, 3.0, 1500));
        List<Detection> cpu = fired(CPU_SPIKE);
        // one detection per reading that completes five minutes above twice the p99: minutes 5 and 6
        assertEquals(2, cpu.size(), () -> detections.toString());
        assertEquals(cpu.size(), detections.size(), () -> "only the CPU rule: " + detections);
        Detection d = cpu.get(0);
        assertEquals("cpu-1", d.agentId());
        assertEquals("cpu-spike", d.behaviourKey());
        double p99 = (Double) d.figures().get("7-day p99 cores");
        assertTrue(p99 >= 0.5 && p99 < 1.0, () -> "p99 of 0.2-0.5 cores (upper bucket bound): " + p99);
        assertEquals(3.0, ((Number) d.figures().get("lowest cores in the last 5 minutes")).doubleValue());
        assertEquals(String.format("CPU at least 3.00 cores for 5 minutes; 7-day p99 %.2f cores", p99), d.summary());
        assertEquals(5, d.evidence().size());
    }

    @Test
    void fourMinutesAtThreeCoresDoNotFire() {
        resourceWeek("cpu-2");
        sendEach(minuteReadings("cpu-2", 10, 4, 3.0, 1500));
        assertNothingFired();
    }

    @Test
    void tenMinutesJustAboveTheCpuP99DoNotFire() {
        resourceWeek("cpu-3");
        double cores = 1.3 * p99("cpu-3", "cpu cores (p99)");
        sendEach(minuteReadings("cpu-3", 10, 10, cores, 1500));
        assertNothingFired();
    }

    @Test
    void aDipBelowTheP99EndsTheCpuRun() {
        resourceWeek("cpu-4");
        List<Event> events = new ArrayList<>(minuteReadings("cpu-4", 10, 3, 3.0, 1500));
        events.addAll(minuteReadings("cpu-4", 13, 1, 0.3, 1500));
        events.addAll(minuteReadings("cpu-4", 14, 4, 3.0, 1500));
        sendEach(events);
        assertNothingFired();
    }

    @Test
    void sixMinutesAtTenTimesTheEgressP99FireTheEgressRule() {
        resourceWeek("net-1");
        double p99 = p99("net-1", "egress bytes per second (p99)");
        sendEach(minuteReadings("net-1", 10, 6, 0.3, Math.round(10 * p99)));
        List<Detection> egress = fired(EGRESS_SPIKE);
        assertEquals(2, egress.size(), () -> detections.toString());
        assertEquals(egress.size(), detections.size(), () -> "only the egress rule: " + detections);
        Detection d = egress.get(0);
        assertEquals("egress-spike", d.behaviourKey());
        assertEquals(p99, (Double) d.figures().get("7-day p99 bytes/s"));
        assertEquals(String.format("Egress at least %d bytes/s for 5 minutes; 7-day p99 %.0f bytes/s",
                Math.round(10 * p99), p99), d.summary());
    }

    @Test
    void tenMinutesAtTwoAndAHalfTimesTheEgressP99DoNotFire() {
        resourceWeek("net-2");
        double p99 = p99("net-2", "egress bytes per second (p99)");
        sendEach(minuteReadings("net-2", 10, 10, 0.3, Math.round(2.5 * p99)));
        assertNothingFired();
    }

    @Test
    void fourMinutesAtTenTimesTheEgressP99DoNotFire() {
        resourceWeek("net-3");
        double p99 = p99("net-3", "egress bytes per second (p99)");
        sendEach(minuteReadings("net-3", 10, 4, 0.3, Math.round(10 * p99)));
        assertNothingFired();
    }

    // ---- rule 6: API usage ------------------------------------------------------------------------------------

    /** {@code calls} calls spread evenly over {@code minutes}, starting at {@code from} minutes into day 8. */
    static List<Event> calls(String agent, String principal, int calls, int from, int minutes) {
        List<Event> events = new ArrayList<>();
        long every = minutes * 60_000L / calls;
        for (int i = 0; i < calls; i++) {
            events.add(TestEvents.api(agent, day8(from).plusMillis(every * i), principal, "get pods"));
        }
        return events;
    }

    @Test
    void sixHundredCallsInAnHourFireThePrincipalRateRule() {
        apiWeek("api-1", "ci-bot");
        sendEach(calls("api-1", "ci-bot", 600, 0, 60));
        List<Detection> rate = fired(PRINCIPAL_API_RATE);
        assertTrue(!rate.isEmpty() && rate.size() <= 60, () -> "at most one a minute: " + rate.size());
        assertEquals(rate.size(), detections.size(), () -> "one principal explains it all: " + rulesFired());
        assertTrue(rate.stream().allMatch(d -> d.behaviourKey().equals("api-rate:ci-bot")));
        Detection first = rate.get(0);
        long calls = (Long) first.figures().get("calls in the last hour");
        assertTrue(calls > 100 && calls < 120, () -> "raised when the hour first passes 100 calls: " + calls);
        assertEquals(10.0, first.figures().get("7-day hourly p99"));
        assertEquals("ci-bot made " + calls + " API calls in the last hour; 7-day hourly average 10.0, p99 10",
                first.summary());
        long last = (Long) rate.get(rate.size() - 1).figures().get("calls in the last hour");
        assertTrue(last > 550, () -> "the last report counts the whole hour: " + last);
    }

    @Test
    void fortyCallsInAnHourDoNotFire() {
        apiWeek("api-2", "ci-bot");
        sendEach(calls("api-2", "ci-bot", 40, 0, 60));
        assertNothingFired();
    }

    @Test
    void aSensitiveOperationAPrincipalNeverPerformedFires() {
        apiWeek("api-3", "ci-bot");
        sendEach(List.of(TestEvents.api("api-3", day8(5), "ci-bot", "get secrets")));
        assertEquals(List.of(SENSITIVE_API_OPERATION), rulesFired());
        Detection d = detections.get(0);
        assertEquals("api-operation:ci-bot get secrets", d.behaviourKey());
        assertEquals("First time: ci-bot performed get secrets on res", d.summary());
        assertEquals("high", d.severity());
    }

    @Test
    void aFirstTimeOperationOffTheSensitiveListDoesNotFire() {
        apiWeek("api-4", "ci-bot");
        sendEach(List.of(TestEvents.api("api-4", day8(5), "ci-bot", "list configmaps")));
        assertNothingFired();
    }

    @Test
    void principalsTogetherAboveTheAgentRateFireTheAgentRule() {
        String[] principals = {"svc-a", "svc-b", "svc-c", "svc-d", "svc-e"};
        apiWeek("api-5", principals);
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            for (int p = 0; p < principals.length; p++) {
                burst.add(TestEvents.api("api-5", day8(0).plusSeconds(45L * i + p), principals[p], "get pods"));
            }
        }
        sendEach(burst);
        List<Detection> agentRate = fired(AGENT_API_RATE);
        assertTrue(!agentRate.isEmpty(), () -> "five principals at 80 calls: " + rulesFired());
        assertEquals(agentRate.size(), detections.size(), () -> "no principal alone passes 100: " + rulesFired());
        Detection first = agentRate.get(0);
        assertEquals("api-rate:*", first.behaviourKey());
        assertEquals(50.0, first.figures().get("7-day hourly p99"));
        long calls = (Long) first.figures().get("calls in the last hour");
        assertTrue(calls > 250, () -> "above 5 x p99: " + calls);
        assertTrue(first.summary().startsWith(calls + " API calls in the last hour across principals; 7-day hourly average 50.0"),
                first.summary());
    }

    @Test
    void oneHeavyPrincipalAmongQuietOnesDoesNotFireTheAgentRule() {
        apiWeek("api-6", "ci-bot", "viewer");
        List<Event> events = new ArrayList<>(calls("api-6", "ci-bot", 300, 0, 10));
        for (int m = 10; m < 60; m += 5) {
            events.add(TestEvents.api("api-6", day8(m), "viewer", "get pods"));
        }
        sendEach(events);
        assertTrue(!fired(PRINCIPAL_API_RATE).isEmpty(), () -> rulesFired().toString());
        assertEquals(List.of(), fired(AGENT_API_RATE), "ci-bot alone explains the agent's hour");
    }

    // ---- engine: one raise per combination of facts, quarantine ---------------------------------------------------

    @Test
    void eachCombinationOfFactsRaisesOnceWhenTheWindowReevaluates() {
        ordinaryWeek("dup-1");
        sendEach(newDomains("dup-1", 13, day8(5), Duration.ofMinutes(2)));
        assertEquals(List.of(11, 12, 13), fired(DESTINATION_BURST).stream()
                .map(d -> d.figures().get("new destinations in the last hour")).toList());
    }

    @Test
    void aLateEventThatReopensAnHourWhichAlreadyRaisedDoesNotRaiseItAgain() {
        ordinaryWeek("dup-2");
        sendEach(newDomains("dup-2", 11, day8(5), Duration.ofMinutes(2)));
        // a minute late: the hour ending with the 11th destination now holds 12, and Drools fires that match
        // again; the late destination raises for its own hour (the 10 before it and itself), once
        sendEach(List.of(TestEvents.outbound("dup-2", day8(24), "203.0.113.99", "late.example.net")));
        List<Detection> bursts = fired(DESTINATION_BURST);
        assertEquals(List.of(11, 11), bursts.stream().map(d -> d.figures().get("new destinations in the last hour")).toList());
        assertEquals(List.of(day8(25), day8(24)), bursts.stream().map(Detection::eventTime).toList());
    }

    @Test
    void aCitedBehaviourStaysQuarantinedAndIsReportedAtMostOnceAMinute() {
        ordinaryWeek("qua-1");
        List<Event> events = new ArrayList<>();
        for (int seconds : new int[] {0, 30, 120, 150, 179, 181}) {
            events.add(TestEvents.process("qua-1", day8(5, seconds), PYTHON, "/bin/bash"));
        }
        sendEach(events);
        assertEquals(List.of(NEW_LINEAGE, NEW_LINEAGE, NEW_LINEAGE), rulesFired());
        assertEquals(List.of(day8(5, 0), day8(5, 120), day8(5, 181)),
                detections.stream().map(Detection::eventTime).toList());
        assertTrue(detections.get(0).summary().startsWith("First time in the baseline window: "));
        assertTrue(detections.get(1).summary().startsWith("Still unaccepted: "), detections.get(1).summary());
        assertTrue(detections.get(2).summary().startsWith("Still unaccepted: "), detections.get(2).summary());
        assertTrue(detections.stream().allMatch(d -> d.behaviourKey().equals("lineage:" + PYTHON + " -> /bin/bash")));
    }
}
