package io.driftwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftwatch.event.Event;
import io.driftwatch.ingest.ReadResult.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real recorded samples in ../shared/datasets, for tests that run only where that folder is (it is not part
 * of the project: a fresh clone skips them, with a message).
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    /** The dataset folder; the test is skipped when it is absent. */
    public static Path require(String name) {
        for (Path root : List.of(Path.of("..", "shared", "datasets"), Path.of("/work/shared/datasets"))) {
            if (Files.isDirectory(root.resolve(name))) {
                return root.resolve(name);
            }
        }
        assumeTrue(false, "../shared/datasets/" + name + " not present: skipping the check against real samples");
        return null;
    }

    /** The dataset's JSON files (not its LICENSE, SOURCE_COMMIT or descriptions), at any depth, sorted. */
    public static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".ndjson")).sorted().toList();
        }
    }

    /** Every record is events, ignored or rejected, each exactly once; returns how many records there were. */
    public static int assertAccountedFor(ReadResult result, String what) {
        List<Integer> seen = new ArrayList<>();
        result.events().stream().map(ReadResult.Indexed::index).distinct().forEach(seen::add);
        result.ignored().forEach(r -> seen.add(r.index()));
        result.rejections().stream().map(Rejection::index).distinct().forEach(seen::add);
        seen.sort(null);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i), what + ": record " + i + " is accounted for once");
        }
        result.ignored().forEach(r -> assertFalse(r.reason().isBlank(), what + ": " + r));
        return seen.size();
    }

    /** How many events of each type, for the line a dataset test prints. */
    public static Map<String, Long> perType(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.type().json(), TreeMap::new, Collectors.counting()));
    }

    /** How many ignored records per reason, cut at the first colon (the kind of record). */
    public static Map<String, Long> ignoredKinds(List<ReadResult> results) {
        return results.stream().flatMap(r -> r.ignored().stream())
                .collect(Collectors.groupingBy(r -> r.reason().substring(0, Math.max(0, r.reason().indexOf(':'))),
                        TreeMap::new, Collectors.counting()));
    }
}
