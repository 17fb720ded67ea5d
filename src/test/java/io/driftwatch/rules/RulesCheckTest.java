package io.driftwatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI command's output and exit status, through {@link RulesCheck#run} (main only adds System.exit). */
class RulesCheckTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int check(String... args) {
        return RulesCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedRulesPassAndExitZero() {
        assertEquals(0, check("rules", "testdata/scenarios"), () -> out() + err());
        assertTrue(out().contains("\nPASS seed-python-spawns-bash\n"), out());
        assertTrue(Pattern.compile("(?m)^(\\d+) scenarios: \\1 passed, 0 failed").matcher(out()).find(), out());
    }

    @Test
    void aBrokenExpectationExitsOneAndPrintsTheMissingAlert(@TempDir Path tmp) throws IOException {
        Path rules = ScenarioRunnerTest.withDestinationFloor(tmp, 20);

        assertEquals(1, check(rules.toString(), "testdata/scenarios"), () -> out() + err());
        assertTrue(out().contains("FAIL destination-burst\n    missing:    " + ScenarioRunnerTest.BURST + "\n"), out());
        assertTrue(out().contains("1 failed"), out());
    }

    @Test
    void aSyntaxErrorExitsTwoAndNamesFileAndLine(@TempDir Path tmp) throws IOException {
        Path rules = ScenarioRunnerTest.copyTree(ScenarioRunnerTest.RULES, tmp.resolve("rules"));
        Path drl = rules.resolve("behaviour/destinations.drl");
        Files.writeString(drl, Files.readString(drl).replace("then\n", "thne\n"));

        assertEquals(2, check(rules.toString(), "testdata/scenarios"), () -> out() + err());
        assertTrue(Pattern.compile("(?m)^rules/behaviour/destinations\\.drl:\\d+ .*: ").matcher(err()).find(), err());
    }

    @Test
    void aRuleReachingOutsideTheSandboxExitsTwoBeforeCompiling(@TempDir Path tmp) throws IOException {
        Path rules = ScenarioRunnerTest.copyTree(ScenarioRunnerTest.RULES, tmp.resolve("rules"));
        Path drl = rules.resolve("behaviour/modules.drl");
        Files.writeString(drl, Files.readString(drl).replace("alerts.raise(", "Runtime.getRuntime().exec(\"id\"); alerts.raise("));

        assertEquals(2, check(rules.toString(), "testdata/scenarios"), () -> out() + err());
        assertTrue(err().contains("rules/behaviour/modules.drl:") && err().contains("Runtime"), err());
    }

    @Test
    void aMissingScenariosDirectoryExitsTwo(@TempDir Path tmp) {
        assertEquals(2, check("rules", tmp.resolve("nowhere").toString()));
        assertTrue(err().contains("scenarios directory not found"), err());
    }

    @Test
    void tooManyArgumentsExitTwoWithUsage() {
        assertEquals(2, check("a", "b", "c"));
        assertTrue(err().startsWith("usage: RulesCheck"), err());
    }
}
