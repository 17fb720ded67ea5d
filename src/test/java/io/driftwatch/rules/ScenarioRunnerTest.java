package io.driftwatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleSet;

/** The scenario replay without the service: shipped rules against shipped cases, a changed rule, broken cases. */
class ScenarioRunnerTest {

    static final Path RULES = Path.of("rules");
    static final Path SCENARIOS = Path.of("testdata/scenarios");
    static final String SEED = "seed-python-spawns-bash";
    static final ExpectedAlert BURST = new ExpectedAlert("burst-1",
            "An agent reaches more first-seen destinations in an hour than three times its 7-day hourly average",
            "destination-burst", "medium", "in-review");
    static final String DESTINATION_FLOOR = "Math.max($n.getHourlyAverage() * 3, 10)";

    static RuleSet shipped;
    final ScenarioRunner runner = new ScenarioRunner();

    @BeforeAll
    static void compileShippedRules() {
        shipped = compile(RULES);
    }

    static RuleSet compile(Path rulesDir) {
        return new RuleLoader(new RuleCompiler()).load(rulesDir, 1);
    }

    /** A copy of rules/ under {@code into} whose destination-burst floor is {@code floor} instead of 10. */
    static Path withDestinationFloor(Path into, int floor) throws IOException {
        Path copy = copyTree(RULES, into.resolve("rules"));
        Path drl = copy.resolve("behaviour/destinations.drl");
        String text = Files.readString(drl);
        assertTrue(text.contains(DESTINATION_FLOOR), "destinations.drl no longer holds " + DESTINATION_FLOOR);
        Files.writeString(drl, text.replace(DESTINATION_FLOOR, "Math.max($n.getHourlyAverage() * 3, " + floor + ")"));
        return copy;
    }

    static Path copyTree(Path from, Path to) throws IOException {
        return io.driftwatch.TestFiles.copyTree(from, to);
    }

    static Set<String> names(List<ScenarioResult> results) {
        return results.stream().map(ScenarioResult::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    static String failures(List<ScenarioResult> results) {
        return results.stream().filter(r -> !r.passed())
                .map(r -> r.name() + ": error=" + r.error() + " missing=" + r.missing() + " unexpected=" + r.unexpected())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theShippedRulesPassEveryShippedScenario() throws IOException {
        List<ScenarioResult> results = runner.run(shipped, SCENARIOS);

        Set<String> folders;
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            folders = dirs.filter(d -> Files.exists(d.resolve("expected.json"))).map(d -> d.getFileName().toString())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        assertEquals(folders, names(results));
        assertEquals(List.copyOf(folders), results.stream().map(ScenarioResult::name).toList(), "sorted by name");
        assertTrue(results.stream().allMatch(ScenarioResult::passed), () -> failures(results));
        assertTrue(results.stream().anyMatch(r -> !r.actual().isEmpty()), "some case raises an alert");
    }

    @Test
    void aHigherDestinationFloorFailsTheBurstCaseWithExactlyThatAlertMissing(@TempDir Path tmp) throws IOException {
        RuleSet raised = compile(withDestinationFloor(tmp, 20));
        try {
            List<ScenarioResult> results = runner.run(raised, SCENARIOS);

            List<ScenarioResult> failed = results.stream().filter(r -> !r.passed()).toList();
            assertEquals(List.of("destination-burst"), failed.stream().map(ScenarioResult::name).toList(), () -> failures(results));
            ScenarioResult burst = failed.get(0);
            assertNull(burst.error());
            assertEquals(Set.of(BURST), burst.missing());
            assertEquals(Set.of(), burst.unexpected());
        } finally {
            raised.compiled().container().dispose();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alerts\": [",
            "[]",
            "{\"description\": \"no alerts field\"}",
            "{\"alerts\": [{\"rule\": \"r\", \"agentId\": \"a\", \"behaviourKey\": \"k\"}]}",
            "{\"alerts\": [{\"rule\": \"r\", \"agentId\": \"a\", \"behaviourKey\": \"k\", \"severity\": \"High\"}]}"})
    void aMalformedExpectedJsonIsAFailedResultAndTheRunGoesOn(String expectedJson, @TempDir Path tmp) throws IOException {
        copyTree(SCENARIOS.resolve(SEED), tmp.resolve("a-broken"));
        Files.writeString(tmp.resolve("a-broken/expected.json"), expectedJson);
        copyTree(SCENARIOS.resolve(SEED), tmp.resolve("b-intact"));

        List<ScenarioResult> results = runner.run(shipped, tmp);

        assertEquals(List.of("a-broken", "b-intact"), results.stream().map(ScenarioResult::name).toList());
        ScenarioResult broken = results.get(0);
        assertFalse(broken.passed());
        assertTrue(broken.error() != null && broken.error().startsWith("expected.json"), broken::toString);
        assertTrue(results.get(1).passed(), () -> failures(results));
    }

    @Test
    void aRejectedEventLineIsAFailedResultThatNamesTheLine(@TempDir Path tmp) throws IOException {
        Path dir = copyTree(SCENARIOS.resolve(SEED), tmp.resolve(SEED));
        long lines = Files.readAllLines(dir.resolve("events.ndjson")).size();
        Files.writeString(dir.resolve("events.ndjson"), "{\"agentId\": \"seed-py-1\", \"time\": \"yesterday\", "
                + "\"type\": \"process\", \"process\": {\"exe\": \"/bin/sh\"}}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        ScenarioResult result = runner.run(shipped, tmp).get(0);

        assertFalse(result.passed());
        assertTrue(result.error().contains("line " + (lines + 1) + ", time: not an ISO-8601 instant"), result.error());
        assertEquals(1, result.expected().size(), "the expectation was still read");
    }

    @Test
    void aCaseWithoutEventsIsAFailedResult(@TempDir Path tmp) throws IOException {
        Path dir = copyTree(SCENARIOS.resolve(SEED), tmp.resolve(SEED));
        Files.delete(dir.resolve("events.ndjson"));

        ScenarioResult result = runner.run(shipped, tmp).get(0);

        assertFalse(result.passed());
        assertTrue(result.error().startsWith("no input in "), result.error());
        assertTrue(result.error().endsWith("expected one or more of events.ndjson, k8s-audit.ndjson, cloudtrail.ndjson,"
                + " falco.ndjson, tetragon.ndjson, sysmon.ndjson"), result.error());
    }

    /** Each engine opens its own sessions from the one compiled set; engines running at once must not meet. */
    @Test
    void enginesOfOneRuleSetRunningAtOnceDoNotInterfere() throws Exception {
        List<ScenarioResult> alone = runner.run(shipped, SCENARIOS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScenarioResult>>> together = Stream.generate(
                    () -> pool.submit(() -> new ScenarioRunner().run(shipped, SCENARIOS))).limit(4).toList();
            for (Future<List<ScenarioResult>> f : together) {
                assertEquals(alone, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(alone.stream().allMatch(ScenarioResult::passed), () -> failures(alone));
    }
}
