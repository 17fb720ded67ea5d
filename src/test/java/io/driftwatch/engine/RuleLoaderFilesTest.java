package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules directory as Kubernetes mounts a ConfigMap: files in a hidden timestamped folder, linked from the top. */
class RuleLoaderFilesTest {

    @Test
    void aMountedConfigMapLoadsEachRuleFileOnce(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("..2026_11_24_07_00_00.123456789"));
        Files.writeString(data.resolve("site.drl"), "package rules.site;\n");
        Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(dir.resolve("site.drl"), Path.of("..data", "site.drl"));

        assertEquals(List.of("site.drl"), List.copyOf(RuleLoader.files(dir).keySet()));
    }

    @Test
    void aNearMissFolderMerelyStartingWithADotIsRead(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".site"));
        Files.writeString(dir.resolve(".site/a.drl"), "package rules.site;\n");
        Files.createDirectories(dir.resolve("behaviour"));
        Files.writeString(dir.resolve("behaviour/b.drl"), "package rules.behaviour;\n");

        assertEquals(List.of(".site/a.drl", "behaviour/b.drl"), List.copyOf(RuleLoader.files(dir).keySet()));
    }
}
