package io.driftwatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.engine.RuleSet;

/** The would-have-fired diff between two rule sets over the shipped scenarios. */
class WouldHaveFiredTest {

    static RuleSet current;
    final WouldHaveFired wouldHaveFired = new WouldHaveFired();

    @BeforeAll
    static void compileShippedRules() {
        current = ScenarioRunnerTest.compile(ScenarioRunnerTest.RULES);
    }

    @AfterAll
    static void dispose() {
        current.compiled().container().dispose();
    }

    @Test
    void aHigherDestinationFloorRemovesTheBurstAlertAndNothingElse(@TempDir Path tmp) throws IOException {
        RuleSet proposed = ScenarioRunnerTest.compile(ScenarioRunnerTest.withDestinationFloor(tmp, 20));
        try {
            WouldHaveFired.Diff diff = wouldHaveFired.diff(current, proposed, ScenarioRunnerTest.SCENARIOS);

            assertEquals(List.of(new WouldHaveFired.ScenarioDiff("destination-burst", Set.of(),
                    Set.of(ScenarioRunnerTest.BURST))), diff.scenarios());
            assertEquals(Map.of(), diff.errors());
            assertFalse(diff.identical());
        } finally {
            proposed.compiled().container().dispose();
        }
    }

    @Test
    void theSameRulesCompiledAgainGiveAnEmptyDiff() {
        RuleSet again = ScenarioRunnerTest.compile(ScenarioRunnerTest.RULES);
        try {
            WouldHaveFired.Diff diff = wouldHaveFired.diff(current, again, ScenarioRunnerTest.SCENARIOS);

            assertTrue(diff.identical(), diff::toString);
            assertEquals(Map.of(), diff.errors());
        } finally {
            again.compiled().container().dispose();
        }
    }

    @Test
    void aCaseWhoseEventsCannotBeReplayedIsListedAsAnErrorNotAsADifference(@TempDir Path tmp) throws IOException {
        Path dir = ScenarioRunnerTest.copyTree(ScenarioRunnerTest.SCENARIOS.resolve(ScenarioRunnerTest.SEED),
                tmp.resolve("broken"));
        Files.writeString(dir.resolve("events.ndjson"), "not json\n");

        WouldHaveFired.Diff diff = wouldHaveFired.diff(current, current, tmp);

        assertEquals(List.of(), diff.scenarios());
        assertEquals(Set.of("broken"), diff.errors().keySet());
    }
}
