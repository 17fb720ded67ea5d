package io.driftwatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for tests that change a copy of rules/ or testdata/ rather than the real thing. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Copies the tree under {@code from} to {@code to}; returns {@code to}. */
    public static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** A fresh copy of the shipped rules/ for a test whose rule changes write through to its directory. */
    public static void copyShippedRules(Path to) {
        try {
            deleteTree(to);
            copyTree(Path.of("rules"), to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
