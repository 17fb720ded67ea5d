package io.driftwatch.ingest.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader against real recorded audit events from ../shared/datasets, when that folder is there: every record
 * maps, is ignored with a reason, or is rejected with a reason. Skipped, with a message, on a fresh clone.
 */
class K8sAuditDatasetsTest {

    private static final K8sAuditReader READER = new K8sAuditReader("dataset", ReaderLimits.DEFAULTS);

    private static Path dataset(String name) {
        for (Path root : List.of(Path.of("..", "shared", "datasets"), Path.of("/work/shared/datasets"))) {
            if (Files.isDirectory(root.resolve(name))) {
                return root.resolve(name);
            }
        }
        return Path.of("..", "shared", "datasets", name);
    }

    @Test
    void falcoTraceFilesAllMap() throws IOException {
        Path dir = dataset("k8s-audit-falco");
        assumeTrue(Files.isDirectory(dir), dir + " not present, skipping");
        Map<String, ReadResult> byFile = new TreeMap<>();
        int records = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                byte[] body = Files.readAllBytes(file);
                ReadResult result = READER.read(body, isNdjson(body));
                String name = file.getFileName().toString();
                assertEquals(List.of(), result.rejections(), name + " is a real recorded event");
                records += assertAccountedFor(result, name);
                byFile.put(name, result);
            }
        }
        assertTrue(byFile.size() >= 45, "files: " + byFile.size());

        for (String file : List.of("create_clusterrolebinding.json", "attach_cluster_admin_role.json")) {
            Event.Config c = only(byFile.get(file)).config();
            assertNotNull(c, file);
            assertEquals("ClusterRoleBinding", c.kind(), file);
            assertEquals("create", c.change(), file);
            assertNotNull(K8sAuditReaderTest.at(c.after(), "roleRef", "name"), file + ": after.roleRef.name");
        }
        assertEquals("cluster-admin", K8sAuditReaderTest.at(only(byFile.get("attach_cluster_admin_role.json")).config().after(),
                "roleRef", "name"));
        assertEquals("create pods/exec", only(byFile.get("exec_pod.json")).api().operation());
        assertEquals("create pods/attach", only(byFile.get("attach_pod.json")).api().operation());

        Event.Config pod = only(byFile.get("create_nginx_pod_privileged.json")).config();
        assertEquals("Pod", pod.kind());
        assertEquals("default", pod.namespace());
        assertTrue(pod.name().startsWith("nginx-deployment-"), "generated name from the response: " + pod.name());
        List<?> containers = (List<?>) K8sAuditReaderTest.at(pod.after(), "spec", "containers");
        assertTrue(containers.stream().anyMatch(c -> Boolean.TRUE.equals(
                K8sAuditReaderTest.at(asMap(c), "securityContext", "privileged"))), "a privileged container in after");

        Event.Config namespaceDelete = only(byFile.get("delete_namespace_foo.json")).config();
        assertEquals("foo", namespaceDelete.id());
        assertEquals("Deployment", only(byFile.get("create_deployment.json")).config().kind(), "apiGroup extensions");

        List<Event> events = byFile.values().stream().flatMap(r -> r.events().stream()).map(Indexed::event).toList();
        System.out.println("k8s-audit-falco: " + byFile.size() + " files, " + records + " records -> " + events.size()
                + " events (" + perKind(events) + "), "
                + byFile.values().stream().mapToInt(r -> r.ignored().size()).sum() + " ignored, 0 rejected");
    }

    @Test
    void pantherRuleTestCasesMapOnceTheirTimeIsRestored() throws IOException {
        Path file = dataset("k8s-audit-panther").resolve("k8s_audit_tests.jsonl");
        assumeTrue(Files.isRegularFile(file), file + " not present, skipping");
        PantherAuditCases.Extracted extracted = PantherAuditCases.read(file);
        List<Map<String, Object>> raw = extracted.cases().stream().map(PantherAuditCases.Case::event).toList();

        // as stored: Panther re-renders times without the T and zone, and most hand-written cases carry none
        ReadResult asStored = READER.read(PantherAuditCases.ndjson(raw), true);
        assertAccountedFor(asStored, "panther as stored");
        for (Rejection r : asStored.rejections()) {
            boolean time = r.field().equals("stageTimestamp") || r.field().equals("requestReceivedTimestamp");
            assertTrue((time && (r.reason().startsWith("required") || r.reason().startsWith("expected an RFC 3339 time, got '20")))
                    || (Set.of("verb", "user.username").contains(r.field()) && r.reason().equals("required")),
                    "only missing fields and Panther's time format are refused: " + r);
        }

        // with the time the API server wrote: what is still rejected is what the hand-written case left out
        List<Map<String, Object>> restored = raw.stream()
                .map(e -> PantherAuditCases.withApiServerTime(e, "2024-01-01T00:00:00Z")).toList();
        ReadResult result = READER.read(PantherAuditCases.ndjson(restored), true);
        assertAccountedFor(result, "panther");
        Set<Integer> incomplete = new HashSet<>();
        for (int i = 0; i < restored.size(); i++) {
            if (incomplete(restored.get(i))) {
                incomplete.add(i);
            }
        }
        for (Rejection r : result.rejections()) {
            boolean missing = Set.of("verb", "user.username").contains(r.field()) && r.reason().equals("required");
            boolean unnamed = r.field().equals("objectRef.name")
                    && r.reason().equals("no object name in objectRef, responseObject or requestObject");
            assertTrue(incomplete.contains(r.index()) && (missing || unnamed), "a complete record is never rejected: "
                    + r + " in " + extracted.cases().get(r.index()).testName());
        }
        assertEquals(incomplete, result.rejections().stream().map(Rejection::index).collect(Collectors.toSet()));
        for (Rejection r : result.ignored()) {
            assertTrue(r.reason().startsWith("stage ResponseStarted: only ResponseComplete and Panic records are mapped"), r.toString());
        }

        List<Event> events = result.events().stream().map(Indexed::event).toList();
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.CONFIG
                && "MutatingWebhookConfiguration".equals(e.config().kind())), "admission webhook creates map");
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.API && "create pods/exec".equals(e.api().operation())));
        int notAudit = extracted.notAudit().values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("k8s-audit-panther: " + (raw.size() + notAudit) + " test cases, " + notAudit
                + " not audit.k8s.io " + extracted.notAudit() + "; " + raw.size() + " audit records: as stored "
                + asStored.events().size() + " events / " + asStored.rejectedCount() + " rejected; with the time restored "
                + events.size() + " events (" + perKind(events) + "), " + result.ignored().size() + " ignored, "
                + result.rejectedCount() + " rejected (hand-written without verb, user.username or a created object's name)");
    }

    /**
     * What the hand-written upstream cases leave out and a real API server always writes: the verb, the user, or
     * for a create the object's name (objectRef, or the metadata of one of the bodies).
     */
    private static boolean incomplete(Map<String, Object> e) {
        String stage = (String) e.get("stage");
        if ("RequestReceived".equals(stage) || "ResponseStarted".equals(stage)) {
            return false;
        }
        boolean user = e.get("user") instanceof Map<?, ?> u && u.get("username") != null;
        if (e.get("verb") == null || !user) {
            return true;
        }
        Map<String, Object> ref = e.get("objectRef") instanceof Map<?, ?> m ? asMap(m) : Map.of();
        boolean tracked = ref.get("subresource") == null
                && K8sKinds.of((String) ref.get("resource"), (String) ref.get("apiGroup")) != null;
        boolean named = ref.get("name") != null || hasName(e.get("responseObject")) || hasName(e.get("requestObject"));
        return "create".equals(e.get("verb")) && tracked && !named;
    }

    private static boolean hasName(Object body) {
        return body instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") != null;
    }

    /** Every record is an event, ignored or rejected, each exactly once; returns how many records there were. */
    private static int assertAccountedFor(ReadResult result, String what) {
        List<Integer> seen = new ArrayList<>();
        result.events().forEach(e -> seen.add(e.index()));
        result.ignored().forEach(r -> seen.add(r.index()));
        result.rejections().stream().map(Rejection::index).distinct().forEach(seen::add);
        seen.sort(null);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i), what + ": record " + i + " is accounted for once");
        }
        result.ignored().forEach(r -> assertTrue(!r.reason().isBlank(), what + ": " + r));
        result.rejections().forEach(r -> assertTrue(!r.reason().isBlank(), what + ": " + r));
        return seen.size();
    }

    private static Event only(ReadResult result) {
        assertEquals(1, result.events().size(), result.toString());
        return result.events().get(0).event();
    }

    /** Counts per config kind, and API events as "api". */
    private static String perKind(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(
                        e -> e.type() == EventType.CONFIG ? e.config().kind() : e.type().json(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A file of several one-line objects is an audit log; one value (however laid out) is a JSON body. */
    private static boolean isNdjson(byte[] body) {
        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return lines.size() > 1 && lines.stream().allMatch(l -> l.strip().startsWith("{") && l.strip().endsWith("}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
