package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CloudTrail records of panther-labs/panther-analysis' rule tests, flattened one test case a line:
 * {"rule_id", "test_name", "expected_alert", "log": record}. Test-only: reads the shared dataset folder.
 */
final class PantherCases {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How Panther's data lake stores a time (UTC, no zone): several upstream tests hold eventTime so, where
     * CloudTrail itself writes 2024-11-25T17:51:21Z.
     */
    static final Pattern PANTHER_TIME = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)");

    /** One test case: its name and the record it holds. */
    record Case(String testName, ObjectNode record) {}

    private PantherCases() {}

    static List<Case> read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode test = JSON.readTree(line);
                cases.add(new Case(test.path("test_name").asText(), (ObjectNode) test.get("log")));
            }
        }
        return cases;
    }

    /** The records as an NDJSON body, one a line, in the file's order: record i is index i. */
    static byte[] ndjson(List<ObjectNode> records) throws IOException {
        StringBuilder body = new StringBuilder();
        for (ObjectNode r : records) {
            body.append(JSON.writeValueAsString(r)).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record with a Panther data-lake eventTime put back into CloudTrail's own form; others unchanged. */
    static ObjectNode withCloudTrailTime(ObjectNode record) {
        JsonNode time = record.get("eventTime");
        if (time == null || !time.isTextual() || !PANTHER_TIME.matcher(time.asText()).matches()) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        copy.put("eventTime", PANTHER_TIME.matcher(time.asText()).replaceFirst("$1T$2Z"));
        return copy;
    }

    static boolean hasPantherTime(ObjectNode record) {
        JsonNode time = record.get("eventTime");
        return time != null && time.isTextual() && PANTHER_TIME.matcher(time.asText()).matches();
    }
}
