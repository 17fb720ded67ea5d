package io.driftwatch.ingest.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The audit events inside panther-analysis's Kubernetes rule tests ({@code k8s_audit_tests.jsonl}): one test case a
 * line, {@code {rule_id, test_name, expected_alert, log, ...}}. {@code log} is an EKS audit Event as Panther stores
 * it, an AKS diagnostic record whose {@code properties.log} is the audit Event as a JSON string, or something that
 * is not an audit.k8s.io Event at all (GKE's Cloud Audit Log {@code protoPayload}, Azure activity records).
 */
final class PantherAuditCases {

    /** One test case's audit Event. */
    record Case(String ruleId, String testName, Map<String, Object> event) {}

    /** The audit Events, and how many cases held none, by why. */
    record Extracted(List<Case> cases, Map<String, Integer> notAudit) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields only an audit.k8s.io Event has; a record with none of them is another format. */
    private static final Set<String> AUDIT_FIELDS = Set.of("verb", "objectRef", "user", "auditID", "requestURI", "stage");
    /** How Panther re-renders a time it stores: UTC, a space for the T, no zone. */
    private static final Pattern PANTHER_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
    private static final String[] TIMES = {"stageTimestamp", "requestReceivedTimestamp"};

    private PantherAuditCases() {}

    @SuppressWarnings("unchecked")
    static Extracted read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        Map<String, Integer> notAudit = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> testCase = JSON.readValue(line, Map.class);
            Map<String, Object> log = (Map<String, Object>) testCase.get("log");
            Map<String, Object> event = auditEvent(log);
            if (event == null) {
                notAudit.merge(log.containsKey("protoPayload") ? "GKE Cloud Audit Log (protoPayload)"
                        : "other (" + log.getOrDefault("p_log_type", "no p_log_type") + ")", 1, Integer::sum);
            } else {
                cases.add(new Case((String) testCase.get("rule_id"), (String) testCase.get("test_name"), event));
            }
        }
        return new Extracted(cases, notAudit);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> auditEvent(Map<String, Object> log) throws JsonProcessingException {
        Map<String, Object> candidate = log;
        if (log.get("properties") instanceof Map<?, ?> properties && properties.get("log") instanceof String inner) {
            candidate = JSON.readValue(inner, Map.class); // AKS: the audit Event as a JSON string
        }
        boolean audit = "Event".equals(candidate.get("kind"))
                || candidate.keySet().stream().anyMatch(AUDIT_FIELDS::contains);
        return audit && !candidate.containsKey("protoPayload") ? candidate : null;
    }

    /**
     * The event with an RFC 3339 time, as the API server wrote it before Panther re-rendered it: Panther's
     * {@code 2022-11-29 00:09:04.38} (UTC) becomes {@code 2022-11-29T00:09:04.38Z}, and a hand-written case
     * without any time gets {@code fallback} as its stageTimestamp. The event itself is not changed.
     */
    static Map<String, Object> withApiServerTime(Map<String, Object> event, String fallback) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        boolean any = false;
        for (String field : TIMES) {
            if (copy.get(field) instanceof String t) {
                any = true;
                if (PANTHER_TIME.matcher(t).matches()) {
                    copy.put(field, t.replace(' ', 'T') + "Z");
                }
            }
        }
        if (!any) {
            copy.put("stageTimestamp", fallback);
        }
        return copy;
    }

    /** The events as an audit log: one compact JSON object a line. */
    static byte[] ndjson(List<Map<String, Object>> events) throws JsonProcessingException {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> e : events) {
            out.append(JSON.writeValueAsString(e)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
