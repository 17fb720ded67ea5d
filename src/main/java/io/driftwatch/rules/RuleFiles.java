package io.driftwatch.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.driftwatch.api.ProblemException;

/** A rule set as files: DRL and YAML under the rules directory, by relative path. */
final class RuleFiles {

    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_.-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(drl|yaml|yml)");

    private RuleFiles() {
    }

    /** Writes what changed from {@code before} to {@code after}: new and changed files, and deletions. */
    static void write(Path dir, Map<String, String> before, Map<String, String> after) {
        try {
            for (Map.Entry<String, String> e : after.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    Path target = dir.resolve(e.getKey());
                    Files.createDirectories(target.getParent());
                    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                    Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
            for (String path : before.keySet()) {
                if (!after.containsKey(path)) {
                    Files.deleteIfExists(dir.resolve(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rules to " + dir, e);
        }
    }

    /** A relative path inside the rules directory, ending in .drl, .yaml or .yml. */
    static String checkPath(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            throw ProblemException.badRequest("not a rule file path: '" + path + "' (expected a relative path such as "
                    + "behaviour/my-rule.drl or allowlists/team.yaml; letters, digits, . _ - and /)");
        }
        return path;
    }

    static String hash(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(files).forEach((path, text) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
