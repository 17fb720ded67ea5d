package io.driftwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The alerts a workload must raise, one (agent, rule) pair each, with the anomaly behind it; stored next to
 * an NDJSON workload as {@code <name>.expected.json}.
 */
final class ExpectedAlerts {

    /** One alert that must be raised. */
    record Pair(String agentId, String rule, String anomaly, String time) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExpectedAlerts() {
    }

    static List<Pair> of(List<FleetGenerator.Anomaly> anomalies) {
        List<Pair> out = new ArrayList<>();
        for (FleetGenerator.Anomaly a : anomalies) {
            for (String rule : a.kind().rules) {
                out.add(new Pair(a.agentId(), rule, a.kind().name(), a.time().toString()));
            }
        }
        return out;
    }

    static Path fileFor(Path ndjson) {
        String name = ndjson.getFileName().toString();
        String base = name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
        return ndjson.resolveSibling(base + ".expected.json");
    }

    static void write(Path file, String workload, long events, List<Pair> pairs) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workload", workload);
        doc.put("events", events);
        doc.put("expected", pairs);
        JSON.writeValue(file.toFile(), doc);
    }

    /** The pairs in the file, or null when there is no such file. */
    static List<Pair> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode doc = JSON.readTree(file.toFile());
        List<Pair> out = new ArrayList<>();
        for (JsonNode p : doc.path("expected")) {
            out.add(new Pair(p.path("agentId").asText(), p.path("rule").asText(), p.path("anomaly").asText(null),
                    p.path("time").asText(null)));
        }
        return out;
    }
}
