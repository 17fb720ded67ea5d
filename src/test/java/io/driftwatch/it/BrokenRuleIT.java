package io.driftwatch.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service refuses to start on a rule that does not compile, and says where and which. */
class BrokenRuleIT {

    @Test
    void theServiceRefusesToStartAndNamesFileLineAndRule(@TempDir Path data) throws Exception {
        Path rules = Files.createDirectories(data.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), """
                package rules.broken;
                import io.driftwatch.event.*;
                global Alerts alerts;

                rule "A rule with a typo"
                    @severity("high") @description("does not compile")
                when
                    $n : Novelty(kind === BehaviourKind.LINEAGE)
                then
                    alerts.raise($n.getAgentId(), $n.getBehaviourKey());
                end
                """);
        try (PackagedApp app = new PackagedApp(data, "-Ddriftwatch.rules.dir=" + rules)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, app::start);
            String log = refused.getMessage();
            assertTrue(log.contains("rules/broken.drl:8"), log);
            assertTrue(log.contains("A rule with a typo"), log);
        }
    }
}
