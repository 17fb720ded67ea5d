package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @dedupWindow} and {@code @suppressFor} are read from a rule's metadata; a bad value fails the rule set. */
class RuleWindowsTest {

    static final String RULE = """
            package rules.test;
            import io.driftwatch.event.*;
            global Alerts alerts;
            rule "A module loads that nobody expects"
                @severity("low")
                @description("test")
                %s
            when
                $n : Novelty(kind == BehaviourKind.MODULE)
            then
                alerts.raise($n.getAgentId(), $n.getBehaviourKey()).cite($n);
            end
            """;

    static RuleInfo compile(Path dir, String metadata) throws Exception {
        Files.writeString(dir.resolve("test.drl"), RULE.formatted(metadata));
        return new RuleLoader(new RuleCompiler()).load(dir, 1).compiled().rules().get(0);
    }

    @Test
    void windowsComeFromTheRulesMetadata(@TempDir Path dir) throws Exception {
        RuleInfo r = compile(dir, "@dedupWindow(\"1h\") @suppressFor(\"15m\")");
        assertEquals(Duration.ofHours(1), r.dedupWindow());
        assertEquals(Duration.ofMinutes(15), r.suppressFor());
        RuleInfo none = compile(dir, "");
        assertNull(none.dedupWindow());
        assertNull(none.suppressFor());
    }

    @Test
    void aWindowThatIsNotADurationIsNamed(@TempDir Path dir) {
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> compile(dir, "@suppressFor(\"soon\")"));
        assertTrue(e.problems().toString().contains("@suppressFor must be a duration"), e.problems().toString());
    }
}
