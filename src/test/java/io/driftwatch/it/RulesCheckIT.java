package io.driftwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The README's offline rules check, exactly as documented, against the packaged app: no service needed. */
class RulesCheckIT {

    @Test
    void theDocumentedCommandPassesTheShippedRules() throws Exception {
        String app = "target/quarkus-app/";
        String classpath = String.join(File.pathSeparator, app + "lib/boot/*", app + "lib/main/*", app + "app/*");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.driftwatch.rules.RulesCheck", "rules", "testdata/scenarios"))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("PASS seed-python-spawns-bash"), output);
    }
}
