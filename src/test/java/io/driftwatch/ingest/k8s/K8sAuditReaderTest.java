package io.driftwatch.ingest.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.BatchTooLargeException;
import io.driftwatch.ingest.LineTooLongException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the reader is framework-free. Fixtures are hand-written in testdata/formats/k8s-audit/. */
class K8sAuditReaderTest {

    static final Path FIXTURES = Path.of("testdata", "formats", "k8s-audit");
    private static final K8sAuditReader READER = new K8sAuditReader("prod-eu-1", ReaderLimits.DEFAULTS);

    static ReadResult readFixture(String name, boolean ndjson) throws IOException {
        return READER.read(Files.readAllBytes(FIXTURES.resolve(name)), ndjson);
    }

    static Event event(ReadResult result, int index) {
        return result.events().stream().filter(e -> e.index() == index).map(Indexed::event).findFirst()
                .orElseThrow(() -> new AssertionError("no event at index " + index + ": " + result));
    }

    static List<Rejection> rejections(ReadResult result, int index) {
        return result.rejections().stream().filter(r -> r.index() == index).toList();
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> object, String... path) {
        Object v = object;
        for (String key : path) {
            v = v instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) v).get(key);
        }
        return v;
    }

    @Nested
    class WebhookEventList {

        private final ReadResult result = readFixture("webhook-eventlist.json", false);

        WebhookEventList() throws IOException {
        }

        @Test
        void everyItemIsMappedOrIgnoredAndNoneRejected() {
            assertEquals(List.of(), result.rejections());
            assertEquals(9, result.events().size());
            assertEquals(1, result.ignored().size());
            Rejection ignored = result.ignored().get(0);
            assertEquals(new Rejection(1, null, "", "stage RequestReceived: only ResponseComplete and Panic records are"
                    + " mapped; the same request's final record follows"), ignored);
        }

        @Test
        void clusterRoleBindingCreateTakesItsNameFromTheBodiesAndDropsManagedFields() {
            Event e = event(result, 0);
            assertEquals(EventType.CONFIG, e.type());
            assertEquals("0f1c2e3a-5b6d-4e7f-8a9b-0c1d2e3f4a01", e.id());
            assertEquals("prod-eu-1", e.agentId());
            assertEquals(Instant.parse("2026-03-02T09:14:07.421067Z"), e.time());
            assertNull(e.api());
            Event.Config c = e.config();
            assertEquals("ClusterRoleBinding", c.kind());
            assertEquals("ci-deployer-admin", c.id());
            assertEquals("ci-deployer-admin", c.name());
            assertNull(c.namespace());
            assertEquals("create", c.change());
            assertEquals("jane@example.com", c.actor());
            assertNull(c.before());
            assertEquals("cluster-admin", at(c.after(), "roleRef", "name"));
            assertEquals("deployer", at(c.after(), "subjects", "0", "name"));
            assertEquals("1184733", at(c.after(), "metadata", "resourceVersion"), "the response, not the request, is kept");
            assertFalse(((Map<?, ?>) c.after().get("metadata")).containsKey("managedFields"));
        }

        @Test
        void deploymentPatchKeepsTheServersObjectWithoutBookkeeping() {
            Event.Config c = event(result, 2).config();
            assertEquals("Deployment", c.kind());
            assertEquals("payments/checkout", c.id());
            assertEquals("payments", c.namespace());
            assertEquals("checkout", c.name());
            assertEquals("update", c.change());
            assertEquals("system:serviceaccount:argocd:argocd-application-controller", c.actor());
            Map<String, Object> after = c.after();
            assertEquals("Deployment", after.get("kind"));
            String image = (String) at(after, "spec", "template", "spec", "containers", "0", "image");
            assertTrue(image.contains("@sha256:3b4f1e0a"), image);
            assertEquals(Boolean.TRUE, at(after, "spec", "template", "spec", "containers", "0", "securityContext", "privileged"));
            assertEquals("/var/run/docker.sock", at(after, "spec", "template", "spec", "volumes", "0", "hostPath", "path"));
            assertEquals(3, ((Number) at(after, "spec", "replicas")).intValue());
            Map<?, ?> metadata = (Map<?, ?>) after.get("metadata");
            assertFalse(metadata.containsKey("managedFields"));
            assertEquals(Map.of("deployment.kubernetes.io/revision", "14"), metadata.get("annotations"),
                    "kubectl's last-applied copy is dropped, other annotations stay");
        }

        @Test
        void execIsAnApiEventWhenTheSessionOpens() {
            Event e = event(result, 3);
            assertEquals(EventType.API, e.type());
            assertNull(e.config());
            Event.Api api = e.api();
            assertEquals("create pods/exec", api.operation());
            assertEquals("jane@example.com", api.principal());
            assertEquals("payments/checkout-7d9f8b6c5-x2x7k", api.resource());
            assertEquals("203.0.113.24", api.sourceIp());
            assertEquals("success", api.outcome());
        }

        @Test
        void secretReadIsAnApiEvent() {
            Event.Api api = event(result, 4).api();
            assertEquals("get secrets", api.operation());
            assertEquals("payments/stripe-api-key", api.resource());
            assertEquals("system:serviceaccount:payments:checkout", api.principal());
            assertEquals("10.42.5.33", api.sourceIp());
        }

        @Test
        void forbiddenWriteIsAFailedApiCallNotAConfigChange() {
            Event e = event(result, 5);
            assertEquals(EventType.API, e.type());
            assertEquals("create clusterrolebindings", e.api().operation());
            assertEquals("failure", e.api().outcome());
            assertNull(e.api().resource(), "objectRef names neither namespace nor object");
        }

        @Test
        void namespaceLabelUpdateIsClusterWide() {
            Event.Config c = event(result, 6).config();
            assertEquals("Namespace", c.kind());
            assertEquals("payments", c.id());
            assertEquals("payments", c.name());
            assertNull(c.namespace(), "a Namespace is cluster-wide although objectRef.namespace repeats its name");
            assertEquals("update", c.change());
            assertEquals("privileged", at(c.after(), "metadata", "labels", "pod-security.kubernetes.io/enforce"));
        }

        @Test
        void webhookUpdateKeepsItsFailurePolicy() {
            Event.Config c = event(result, 7).config();
            assertEquals("ValidatingWebhookConfiguration", c.kind());
            assertEquals("gatekeeper-validating-webhook-configuration", c.id());
            assertEquals("update", c.change());
            assertEquals("Ignore", at(c.after(), "webhooks", "0", "failurePolicy"));
        }

        @Test
        void impersonatedNetworkPolicyDeleteNamesBothUsers() {
            Event.Config c = event(result, 8).config();
            assertEquals("NetworkPolicy", c.kind());
            assertEquals("payments/default-deny-ingress", c.id());
            assertEquals("delete", c.change());
            assertNull(c.after(), "the response of a delete is a Status, not the object");
            assertEquals("system:serviceaccount:ci:deployer (impersonated by admin@example.com)", c.actor());
        }

        @Test
        void serviceCreateAtLevelRequestKeepsTheRequestBody() {
            Event.Config c = event(result, 9).config();
            assertEquals("Service", c.kind());
            assertEquals("payments/checkout-public", c.id());
            assertEquals("create", c.change());
            assertEquals("LoadBalancer", at(c.after(), "spec", "type"));
            assertNull(at(c.after(), "metadata", "annotations"), "the only annotation was kubectl's last-applied copy");
        }
    }

    @Nested
    class AuditLogFile {

        private final ReadResult result = readFixture("audit-log.ndjson", true);

        AuditLogFile() throws IOException {
        }

        @Test
        void countsNonBlankLinesAndReportsPhysicalLines() {
            assertEquals(List.of(), result.rejections());
            assertEquals(List.of(1, 8), result.ignored().stream().map(Rejection::index).toList());
            assertEquals(List.of(3, 10), result.ignored().stream().map(Rejection::line).toList());
            assertTrue(result.ignored().get(1).reason().startsWith("stage ResponseStarted: only ResponseComplete and"
                    + " Panic records are mapped; ResponseStarted is mapped only for exec, attach and portforward"),
                    result.ignored().get(1).reason());
            assertEquals(8, result.events().size());
        }

        @Test
        void generatedPodNameComesFromTheResponse() {
            Event.Config c = event(result, 0).config();
            assertEquals("Pod", c.kind());
            assertEquals("payments/checkout-7d9f8b6c5-x2x7k", c.id());
            assertEquals("checkout-7d9f8b6c5-x2x7k", c.name());
            assertEquals(Boolean.TRUE, at(c.after(), "spec", "containers", "0", "securityContext", "privileged"));
            assertFalse(((Map<?, ?>) c.after().get("metadata")).containsKey("managedFields"));
        }

        @Test
        void execSessionOpenAndCloseShareTheAuditIdSoTheEngineKeepsOne() {
            Event opened = event(result, 2);
            Event closed = event(result, 3);
            assertEquals("create pods/exec", opened.api().operation());
            assertEquals("create pods/exec", closed.api().operation());
            assertEquals(opened.id(), closed.id());
            assertTrue(opened.time().isBefore(closed.time()));
        }

        @Test
        void nonResourceRequestIsNamedByItsPath() {
            Event.Api api = event(result, 4).api();
            assertEquals("get /healthz", api.operation());
            assertNull(api.resource());
            assertEquals("system:anonymous", api.principal());
            assertEquals("198.51.100.77", api.sourceIp());
        }

        @Test
        void deleteCollectionIsADeleteOfEveryObject() {
            Event.Config c = event(result, 5).config();
            assertEquals("Pod", c.kind());
            assertEquals("staging/*", c.id());
            assertEquals("*", c.name());
            assertEquals("delete", c.change());
        }

        @Test
        void metadataLevelPatchHasNoAfter() {
            Event.Config c = event(result, 6).config();
            assertEquals("ClusterRole", c.kind());
            assertEquals("view", c.id());
            assertEquals("update", c.change());
            assertNull(c.after());
        }

        @Test
        void serverSideDryRunChangesNothing() {
            Event e = event(result, 7);
            assertEquals(EventType.API, e.type());
            assertEquals("create deployments", e.api().operation());
        }

        @Test
        void recordWithoutStageIsMapped() {
            Event.Config c = event(result, 9).config();
            assertEquals("Role", c.kind());
            assertEquals("payments/secret-reader", c.id());
            assertEquals("get", at(c.after(), "rules", "0", "verbs", "0"));
        }
    }

    @Nested
    class BadRecords {

        @Test
        void ndjsonRejectsEachBadLineAlone() throws IOException {
            ReadResult result = readFixture("bad-records.ndjson", true);
            assertEquals(List.of(
                    new Rejection(0, 1, "verb", "required"),
                    new Rejection(1, 2, "stageTimestamp", "expected an RFC 3339 time, got 'yesterday'"),
                    new Rejection(2, 4, "", "expected a JSON object (an audit Event), got string")),
                    result.rejections().subList(0, 3));
            Rejection broken = result.rejections().get(3);
            assertEquals(3, broken.index());
            assertEquals(5, broken.line());
            assertEquals("", broken.field());
            assertTrue(broken.reason().startsWith("malformed JSON at column "), broken.reason());
            assertEquals(List.of(
                    new Rejection(5, 7, "objectRef.name", "no object name in objectRef, responseObject or requestObject"),
                    new Rejection(6, 8, "user.username", "required"),
                    new Rejection(6, 8, "responseStatus.code", "expected an integer, got string"),
                    new Rejection(7, 9, "stage", "unknown stage 'Finished'; known stages: RequestReceived,"
                            + " ResponseStarted, ResponseComplete, Panic")),
                    result.rejections().subList(4, 8));
            assertEquals(8, result.rejections().size());
            assertEquals(7, result.rejectedCount());
            assertEquals(List.of(4), result.events().stream().map(Indexed::index).toList(), "the good line is kept");
            assertEquals("get pods", event(result, 4).api().operation());
        }

        @Test
        void jsonArrayRejectsEachBadElementAlone() throws IOException {
            ReadResult result = readFixture("bad-records.json", false);
            assertEquals(List.of(
                    new Rejection(0, null, "user.username", "required"),
                    new Rejection(1, null, "", "expected a JSON object (an audit Event), got integer"),
                    new Rejection(3, null, "kind", "expected 'Event' (audit.k8s.io), got 'Pod'"),
                    new Rejection(4, null, "requestReceivedTimestamp", "expected an RFC 3339 time, got integer"),
                    new Rejection(4, null, "sourceIPs[1]", "expected a string, got integer")),
                    result.rejections());
            assertEquals(List.of(2), result.events().stream().map(Indexed::index).toList());
        }

        @Test
        void malformedJsonBodyIsOneRejectionWithTheParsersPlace() {
            ReadResult result = read("{\"kind\":\"EventList\",\"items\":[{\"verb\":\"get\"\n  \"user\":{}}]}", false);
            assertEquals(1, result.rejections().size());
            Rejection r = result.rejections().get(0);
            assertEquals(0, r.index());
            assertNull(r.line());
            assertEquals("", r.field());
            assertTrue(r.reason().startsWith("malformed JSON at line 2, column 3: Unexpected character ('\"'"), r.reason());
            assertTrue(r.reason().endsWith("the records after it were not read (JSON cannot be resumed after this error;"
                    + " NDJSON can: there a broken line costs only itself)"), r.reason());
        }

        @Test
        void truncatedSingleEventIsRejectedAtIndexZero() {
            ReadResult result = read("{\"kind\":\"Event\",\"verb\":", false);
            assertEquals(1, result.rejections().size());
            assertEquals(0, result.rejections().get(0).index());
            assertTrue(result.rejections().get(0).reason().startsWith("malformed JSON at line 1, column "),
                    result.rejections().get(0).reason());
        }

        @Test
        void emptyBodyAndEmptyEventList() {
            assertEquals("empty body: expected an audit EventList, an Event or an array of Events",
                    read("  \n", false).rejections().get(0).reason());
            ReadResult empty = read("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":null}", false);
            assertEquals(0, empty.events().size() + empty.rejections().size() + empty.ignored().size());
        }

        @Test
        void eventListOnAnNdjsonLineIsNamed() {
            ReadResult result = read("{\"kind\":\"EventList\",\"items\":[]}\n", true);
            assertEquals("expected one audit Event, got an EventList (an EventList is read only as a whole JSON body)",
                    result.rejections().get(0).reason());
        }
    }

    @Nested
    class Framing {

        private static final String EXEC = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"stage\":\"ResponseComplete\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"jane@example.com\"},\"sourceIPs\":[\"203.0.113.24\"],"
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"web\",\"name\":\"web-0\",\"subresource\":\"attach\"},"
                + "\"responseStatus\":{\"code\":101},\"stageTimestamp\":\"2026-03-02T12:00:00+01:00\"}";

        @Test
        void singleEventArrayAndCrlfNdjsonGiveTheSameEvent() {
            Event single = event(read(EXEC, false), 0);
            Event inArray = event(read("[" + EXEC + "," + EXEC + "]", false), 1);
            Event crlf = event(read("\r\n" + EXEC + "\r\n\r\n" + EXEC + "\r\n", true), 1);
            assertEquals(single, inArray);
            assertEquals(single, crlf);
            assertEquals("create pods/attach", single.api().operation());
            assertEquals(Instant.parse("2026-03-02T11:00:00Z"), single.time());
            assertNull(single.id(), "no auditID, no id");
        }

        @Test
        void itemsMayComeBeforeKind() {
            ReadResult result = read("{\"items\":[" + EXEC + "],\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\"}", false);
            assertEquals(1, result.events().size());
        }

        @Test
        void clusterNameIsRequired() {
            assertThrows(IllegalArgumentException.class, () -> new K8sAuditReader(" ", ReaderLimits.DEFAULTS));
        }
    }

    /** Bounded work on hostile input: each case is refused or rejected, and quickly. */
    @Nested
    class HostileInput {

        private static final ReaderLimits SMALL = new ReaderLimits(100, 64 << 10, 8, 1000);
        private final K8sAuditReader reader = new K8sAuditReader("prod-eu-1", SMALL);
        private static final String GOOD = "{\"verb\":\"get\",\"user\":{\"username\":\"u\"},\"stageTimestamp\":\"2026-03-02T12:00:00Z\","
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"web\",\"name\":\"web-0\"}}";

        private static String nested(int depth) {
            return "{\"verb\":\"get\",\"requestObject\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        }

        @Test
        void deepNestingRejectsThatRecordOnlyAndReadingGoesOn() {
            // the record may nest maxNestingDepth + 2 = 10 levels: itself, requestObject, and 8 more
            ReadResult ok = reader.read(bytes("[" + nested(9) + "]"), false);
            assertEquals(List.of("user.username", "stageTimestamp"), ok.rejections().stream().map(Rejection::field).toList(),
                    "9 arrays under the record are within the limit: only the missing fields are reported");
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                ReadResult r = reader.read(bytes("[" + nested(10) + "," + GOOD + "]"), false);
                assertEquals(List.of(new Rejection(0, null, "requestObject" + "[0]".repeat(9),
                        "nested deeper than the limit of 10 levels of objects and arrays")), r.rejections());
                assertEquals(List.of(1), r.events().stream().map(Indexed::index).toList());
            });
        }

        @Test
        void absurdNestingStopsOnlyWhatCannotBeResumed() {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                String deep = nested(500_000);
                ReadResult lines = reader.read(bytes(GOOD + "\n" + deep.substring(0, 60_000) + "\n" + GOOD + "\n"), true);
                assertEquals(List.of(0, 2), lines.events().stream().map(Indexed::index).toList());
                assertEquals(new Rejection(1, 2, "", "nested deeper than the limit of 10 levels of objects and arrays"),
                        lines.rejections().get(0));
                ReadResult array = reader.read(bytes("[" + GOOD + "," + deep + "," + GOOD + "]"), false);
                assertEquals(List.of(0), array.events().stream().map(Indexed::index).toList());
                Rejection r = array.rejections().get(0);
                assertEquals(1, r.index());
                assertTrue(r.reason().startsWith("nested deeper than the limit of 10 levels of objects and arrays; the"
                        + " records after it were not read"), r.reason());
            });
        }

        @Test
        void hugeStringRejectsThatRecordOnly() {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                String huge = GOOD.replace("\"u\"", "\"" + "x".repeat(5_000_000) + "\"");
                ReadResult r = reader.read(bytes("{\"kind\":\"EventList\",\"items\":[" + huge + "," + GOOD + "]}"), false);
                assertEquals(List.of(new Rejection(0, null, "user.username",
                        "string value longer than the limit of 1000 characters")), r.rejections());
                assertEquals(1, r.events().size());
                String longName = GOOD.replace("\"verb\"", "\"" + "v".repeat(2000) + "\":1,\"verb\"");
                ReadResult n = reader.read(bytes("[" + longName + "]"), false);
                assertEquals(List.of(new Rejection(0, null, "", "field name longer than the limit of 1000 characters")),
                        n.rejections());
            });
        }

        @Test
        void moreRecordsThanMaxEventsRefusesTheBody() {
            String hundredOne = String.join(",", java.util.Collections.nCopies(101, GOOD));
            String hundred = String.join(",", java.util.Collections.nCopies(100, GOOD));
            assertEquals(100, reader.read(bytes("[" + hundred + "]"), false).events().size());
            BatchTooLargeException e = assertThrows(BatchTooLargeException.class,
                    () -> reader.read(bytes("{\"kind\":\"EventList\",\"items\":[" + hundredOne + "]}"), false));
            assertEquals(100, e.limit());
            assertThrows(BatchTooLargeException.class, () -> reader.read(bytes("[" + hundredOne + "]"), false));
            assertThrows(BatchTooLargeException.class,
                    () -> reader.read(bytes(hundredOne.replace("}},{", "}}\n\n{")), true));
        }

        @Test
        void overLongNdjsonLineRefusesTheBody() {
            String longLine = GOOD.replace("\"u\"", "\"" + "x".repeat(70_000) + "\"");
            LineTooLongException e = assertThrows(LineTooLongException.class,
                    () -> reader.read(bytes(GOOD + "\n\n" + longLine + "\n"), true));
            assertEquals(3, e.line());
            assertEquals(64 << 10, e.limit());
        }
    }

    static ReadResult read(String body, boolean ndjson) {
        return READER.read(bytes(body), ndjson);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
