package io.driftwatch.ingest.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader over real public CloudTrail samples (panther-analysis rule tests), when the shared dataset folder is
 * there: every valid record read, exactly the invalid ones rejected, and the known config changes mapped.
 */
class CloudTrailDatasetTest {

    static final String FOLDER = "cloudtrail-panther";
    static final CloudTrailReader READER = new CloudTrailReader(ReaderLimits.DEFAULTS);

    static List<PantherCases.Case> cases;
    /** The records as upstream holds them. */
    static List<ObjectNode> asGiven;
    /** The same, with Panther data-lake times put back into CloudTrail's form, so their mappings are checked too. */
    static List<ObjectNode> restored;
    static ReadResult restoredResult;

    static final String ABSENT = "../shared/datasets/" + FOLDER + " (or /work/shared/datasets/" + FOLDER + ") not present,"
            + " skipping the CloudTrail dataset checks";

    @BeforeAll
    static void load() throws IOException {
        Path dir = datasets();
        if (dir == null) {
            System.out.println(ABSENT);
            return;
        }
        cases = PantherCases.read(dir.resolve(FOLDER).resolve("cloudtrail_tests.jsonl"));
        asGiven = cases.stream().map(PantherCases.Case::record).toList();
        restored = asGiven.stream().map(PantherCases::withCloudTrailTime).toList();
        restoredResult = READER.read(PantherCases.ndjson(restored), true);
    }

    @BeforeEach
    void needsTheDataset() {
        Assumptions.assumeTrue(cases != null, ABSENT);
    }

    static Path datasets() {
        for (Path p : List.of(Path.of("../shared/datasets"), Path.of("/work/shared/datasets"))) {
            if (Files.isDirectory(p.resolve(FOLDER))) {
                return p;
            }
        }
        return null;
    }

    @Test
    void exactlyTheInvalidRecordsAreRejectedAndEveryOtherGivesEvents() throws IOException {
        ReadResult given = READER.read(PantherCases.ndjson(asGiven), true);
        assertRejectedExactlyTheInvalid(asGiven, given);
        assertRejectedExactlyTheInvalid(restored, restoredResult);

        Map<Integer, Set<String>> givenBad = rejectedFields(given);
        long pantherTimes = givenBad.keySet().stream().filter(i -> PantherCases.hasPantherTime(asGiven.get(i))).count();
        long lowerCased = givenBad.keySet().stream().filter(i -> asGiven.get(i).has("eventname")).count();
        Map<String, Long> kinds = restoredResult.events().stream().map(Indexed::event).filter(e -> e.type() == EventType.CONFIG)
                .collect(Collectors.groupingBy(e -> e.config().kind(), TreeMap::new, Collectors.counting()));
        long api = restoredResult.events().stream().filter(e -> e.event().type() == EventType.API).count();
        Map<Integer, Set<String>> restoredBad = rejectedFields(restoredResult);
        System.out.println("cloudtrail-panther: " + asGiven.size() + " records; as given " + (asGiven.size() - givenBad.size())
                + " read, " + givenBad.size() + " rejected (" + pantherTimes + " with Panther's data-lake eventTime, "
                + lowerCased + " with Panther's lower-cased keys, the rest missing fields); with Panther times restored "
                + (restored.size() - restoredBad.size()) + " read, " + restoredBad.size() + " rejected "
                + reasons(restoredResult) + "; events " + restoredResult.events().size() + ": api " + api + ", config "
                + kinds.values().stream().mapToLong(Long::longValue).sum() + " " + kinds);

        // every invalid record upstream is a trimmed-down rule test, not what CloudTrail writes
        for (int i : restoredBad.keySet()) {
            ObjectNode r = restored.get(i);
            assertTrue(!r.has("eventTime") || !r.has("eventSource") || !r.has("eventName") || !hasAccount(r)
                    || !isIsoTime(r.get("eventTime")), () -> "record " + r + " was rejected but looks complete");
        }
    }

    /** The independent check: a record is invalid for exactly the common fields it lacks or has unreadable. */
    static void assertRejectedExactlyTheInvalid(List<ObjectNode> records, ReadResult result) {
        Map<Integer, Set<String>> expected = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            Set<String> fields = invalidFields(records.get(i));
            if (!fields.isEmpty()) {
                expected.put(i, fields);
            }
        }
        assertEquals(expected, rejectedFields(result));
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            boolean hasEvent = result.events().stream().anyMatch(e -> e.index() == index);
            assertEquals(!expected.containsKey(i), hasEvent, () -> "record " + index + ": " + records.get(index));
        }
    }

    static Set<String> invalidFields(ObjectNode r) {
        Set<String> fields = new TreeSet<>();
        if (!isIsoTime(r.get("eventTime"))) {
            fields.add("eventTime");
        }
        for (String field : List.of("eventSource", "eventName")) {
            if (!isText(r.get(field))) {
                fields.add(field);
            }
        }
        if (!hasAccount(r)) {
            fields.add("recipientAccountId");
        }
        return fields;
    }

    static Map<Integer, Set<String>> rejectedFields(ReadResult result) {
        return result.rejections().stream().collect(Collectors.groupingBy(Rejection::index, TreeMap::new,
                Collectors.mapping(Rejection::field, Collectors.toCollection(TreeSet::new))));
    }

    static String reasons(ReadResult result) {
        return result.rejections().stream().collect(Collectors.groupingBy(Rejection::field, TreeMap::new, Collectors.counting()))
                .toString();
    }

    static boolean hasAccount(ObjectNode r) {
        return isText(r.get("recipientAccountId")) || isText(r.path("userIdentity").get("accountId"));
    }

    static boolean isText(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank();
    }

    static boolean isIsoTime(JsonNode n) {
        if (!isText(n)) {
            return false;
        }
        try {
            OffsetDateTime.parse(n.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ---- the samples of the calls the detector cares most about

    @Test
    void authorizeSecurityGroupIngressAddsTheRulesWithTheirCidrAsLogged() {
        List<Integer> found = records("AuthorizeSecurityGroupIngress", true);
        assertFalse(found.isEmpty());
        for (int i : found) {
            Event.Config c = onlyConfig(i);
            assertEquals("SecurityGroup", c.kind());
            assertEquals("add", c.change());
            assertEquals(request(i).path("groupId").asText(), c.name());
            assertEquals(restored.get(i).path("awsRegion").asText() + "/" + c.name(), c.id());
            List<String> logged = new ArrayList<>();
            request(i).path("ipPermissions").path("items").forEach(p ->
                    p.path("ipRanges").path("items").forEach(range -> logged.add(range.path("cidrIp").asText())));
            assertEquals(logged, rules(c, "ingress").stream().map(r -> r.get("cidr")).toList());
        }
        // the console sample logs its ports as strings and an odd cidr: kept as logged, ports read as numbers
        Event.Config console = onlyConfig(testCase("AWS Console - Ingress SG Authorization"));
        assertEquals(List.of(Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/16")),
                rules(console, "ingress"));
        assertFailedCallsAreApiEvents("AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupIngress");
    }

    @Test
    void stoppedAndDeletedTrailsAndNarrowedSelectors() {
        for (int i : records("StopLogging", true)) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("Trail", "modify", "example-trail", Map.of("logging", false)),
                    List.of(c.kind(), c.change(), c.name(), c.after()));
        }
        for (int i : records("DeleteTrail", true)) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("Trail", "delete", "us-west-2/example-trail"), List.of(c.kind(), c.change(), c.id()));
        }
        List<Integer> selectors = records("PutEventSelectors", true);
        assertFalse(selectors.isEmpty());
        for (int i : selectors) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("Trail", "modify", "sample-cloudtrail-name"), List.of(c.kind(), c.change(), c.name()));
            assertEquals(PantherCases.JSON.convertValue(request(i).get("eventSelectors"), List.class), c.after().get("eventSelectors"));
        }
        assertFailedCallsAreApiEvents("StopLogging", "cloudtrail:StopLogging");
        assertFailedCallsAreApiEvents("DeleteTrail", "cloudtrail:DeleteTrail");
    }

    @Test
    void deletedFlowLogsAreNamedByTheirId() {
        List<Integer> found = records("DeleteFlowLogs", true);
        assertFalse(found.isEmpty());
        for (int i : found) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("FlowLog", "delete", "us-west-2/fl-0ef673ef70c4f07cc"), List.of(c.kind(), c.change(), c.id()));
        }
    }

    @Test
    void attachedAndInlinePolicies() {
        List<Integer> attached = records("AttachRolePolicy", true);
        assertFalse(attached.isEmpty());
        for (int i : attached) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("IamRole", "add", request(i).path("roleName").asText()), List.of(c.kind(), c.change(), c.id()));
            assertEquals(Map.of("attachedPolicies", List.of(request(i).path("policyArn").asText())), c.after());
            assertEquals(null, c.namespace());
        }
        List<Integer> inline = records("PutUserPolicy", true).stream().filter(i -> request(i).has("userName")).toList();
        assertFalse(inline.isEmpty());
        for (int i : inline) {
            Event.Config c = onlyConfig(i);
            assertEquals(List.of("IamUser", "add", request(i).path("userName").asText()), List.of(c.kind(), c.change(), c.id()));
            Map<?, ?> policy = (Map<?, ?>) ((List<?>) c.after().get("inlinePolicies")).get(0);
            assertEquals(request(i).path("policyName").asText(), policy.get("name"));
            assertInstanceOf(Map.class, policy.get("document"), "the JSON document is parsed");
        }
        assertFailedCallsAreApiEvents("AttachRolePolicy", "iam:AttachRolePolicy");
    }

    // ---- helpers

    /** Indexes of the read records of this call that succeeded (or failed). */
    static List<Integer> records(String eventName, boolean succeeded) {
        List<Integer> found = new ArrayList<>();
        Predicate<ObjectNode> outcome = r -> r.hasNonNull("errorCode") == !succeeded;
        for (int i = 0; i < restored.size(); i++) {
            ObjectNode r = restored.get(i);
            if (eventName.equals(r.path("eventName").asText()) && outcome.test(r) && invalidFields(r).isEmpty()) {
                found.add(i);
            }
        }
        return found;
    }

    static void assertFailedCallsAreApiEvents(String eventName, String operation) {
        for (int i : records(eventName, false)) {
            List<Event> events = eventsAt(i);
            assertEquals(1, events.size());
            assertEquals(operation, events.get(0).api().operation());
            assertEquals("failure", events.get(0).api().outcome());
        }
    }

    static int testCase(String name) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).testName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no test case " + name);
    }

    static JsonNode request(int i) {
        return restored.get(i).path("requestParameters");
    }

    static List<Event> eventsAt(int index) {
        return restoredResult.events().stream().filter(e -> e.index() == index).map(Indexed::event).toList();
    }

    static Event.Config onlyConfig(int index) {
        List<Event> events = eventsAt(index);
        assertEquals(1, events.size(), () -> "record " + index + ": " + events);
        assertEquals(EventType.CONFIG, events.get(0).type(), () -> "record " + index + ": " + restored.get(index));
        return events.get(0).config();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(Event.Config c, String direction) {
        return (List<Map<String, Object>>) c.after().get(direction);
    }
}
