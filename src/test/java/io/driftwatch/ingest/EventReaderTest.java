package io.driftwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.ingest.EventReader.Format;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the reader is framework-free. Event JSON is written with ' for " to stay readable. */
class EventReaderTest {

    private static final EventReader READER = new EventReader();
    private static final String HEAD = "'agentId':'web-1','time':'2026-11-20T10:00:00Z'";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    // ---- well-formed events of each type, for the tests that break one field

    static final String PROCESS = event("process", "'process':{'exe':'/bin/bash'}");
    static final String NETWORK = event("network", "'network':{'dstIp':'203.0.113.9'}");
    static final String MODULE = event("module", "'module':{'path':'/usr/lib/libssl.so.3','sha256':'" + SHA + "'}");
    static final String API = event("api", "'api':{'operation':'iam:CreateAccessKey','principal':'ci'}");
    static final String RESOURCE = event("resource", "'resource':{'intervalSeconds':60,'cpuCores':1.5}");
    static final String CONFIG = event("config", "'config':{'kind':'Deployment','id':'shop/web','change':'update'}");

    @Nested
    class Agent {
        @Test
        void missingAgentIdIsRequired() {
            assertOnlyProblem("{'time':'2026-11-20T10:00:00Z','type':'api','api':{'operation':'o','principal':'p'}}",
                    "agentId", "required");
        }

        @Test
        void nullAgentIdIsRequired() {
            assertOnlyProblem(API.replace("'web-1'", "null"), "agentId", "required");
        }

        @Test
        void blankAgentIdIsRefused() {
            assertOnlyProblem(API.replace("'web-1'", "'  '"), "agentId", "must not be blank");
        }

        @Test
        void agentIdLongerThan256IsRefusedNamingTheLimit() {
            assertOnlyProblem(API.replace("web-1", "a".repeat(257)), "agentId", "must be at most 256 characters, got 257");
            assertEquals(1, ndjson(API.replace("web-1", "a".repeat(256))).events().size());
        }

        @Test
        void agentIdOfAnotherJsonTypeSaysWhichTypeItGot() {
            assertOnlyProblem(API.replace("'web-1'", "42"), "agentId", "expected a string, got integer");
        }

        @Test
        void idIsOptionalAndAtMost256Characters() {
            assertNull(ndjson(API).events().get(0).event().id());
            assertEquals("e-1", ndjson(API.replace("{", "{'id':'e-1',")).events().get(0).event().id());
            assertOnlyProblem(API.replace("{", "{'id':'" + "i".repeat(300) + "',"), "id", "must be at most 256 characters, got 300");
        }
    }

    @Nested
    class Time {
        @Test
        void missingTimeIsRequired() {
            assertOnlyProblem("{'agentId':'a','type':'api','api':{'operation':'o','principal':'p'}}", "time", "required");
        }

        @Test
        void unparseableTimeSaysWhatIsExpected() {
            assertOnlyProblem(API.replace("2026-11-20T10:00:00Z", "yesterday"), "time",
                    "not an ISO-8601 instant: 'yesterday' (expected e.g. 2026-11-20T10:00:00Z)");
        }

        @Test
        void timeWithoutOffsetIsRefused() {
            assertOnlyProblem(API.replace("2026-11-20T10:00:00Z", "2026-11-20T10:00:00"), "time",
                    "not an ISO-8601 instant: '2026-11-20T10:00:00' (expected e.g. 2026-11-20T10:00:00Z)");
        }

        @Test
        void impossibleDateIsRefused() {
            assertOnlyProblem(API.replace("2026-11-20T10:00:00Z", "2026-02-30T10:00:00Z"), "time",
                    "not an ISO-8601 instant: '2026-02-30T10:00:00Z' (expected e.g. 2026-11-20T10:00:00Z)");
        }

        @Test
        void acceptsZuluOffsetsAndFractions() {
            assertEquals(T0, timeOf("2026-11-20T10:00:00Z"));
            assertEquals(T0, timeOf("2026-11-20T11:00:00+01:00"));
            assertEquals(T0, timeOf("2026-11-20T04:30:00-05:30"));
            assertEquals(T0.plusMillis(123), timeOf("2026-11-20T10:00:00.123Z"));
            assertEquals(T0.plusNanos(123_456_789), timeOf("2026-11-20T11:00:00.123456789+01:00"));
            assertEquals(T0.plusMillis(500), timeOf("2026-11-20T10:00:00.5Z"));
            // rarer shapes go to the JDK's ISO parser
            assertEquals(T0, timeOf("2026-11-20t10:00:00z"));
            assertEquals(T0, timeOf("2026-11-20T10:00Z"));
        }

        @Test
        void epochNumberIsAWrongType() {
            assertOnlyProblem(API.replace("'2026-11-20T10:00:00Z'", "1795168800000"), "time", "expected a string, got integer");
        }

        private Instant timeOf(String text) {
            return ndjson(API.replace("2026-11-20T10:00:00Z", text)).events().get(0).event().time();
        }
    }

    @Nested
    class Type {
        @Test
        void missingTypeIsRequired() {
            assertOnlyProblem("{" + HEAD + ",'api':{'operation':'o','principal':'p'}}", "type", "required");
        }

        @Test
        void unknownTypeListsTheKnownTypes() {
            assertOnlyProblem(event("proces", ""), "type",
                    "unknown type 'proces'; known types: process, network, module, api, resource, config");
        }

        @Test
        void typeIsCaseSensitive() {
            assertEquals("type", onlyRejection(ndjson(event("API", ""))).field());
        }
    }

    @Nested
    class Structure {
        @Test
        void wrongJsonTypeNamesFieldExpectedAndGot() {
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','pid':'42'}"), "process.pid",
                    "expected an integer, got string");
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','pid':4.2}"), "process.pid",
                    "expected an integer, got decimal number");
            assertOnlyProblem(event("process", "'process':'/bin/sh'"), "process", "expected an object, got string");
            assertOnlyProblem(event("process", "'process':{'exe':['/bin/sh']}"), "process.exe", "expected a string, got array");
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','pid':99999999999999999999}"), "process.pid",
                    "integer out of range: 99999999999999999999");
        }

        @Test
        void topLevelValueThatIsNotAnObject() {
            Rejection r = onlyRejection(ndjson("[1,2]"));
            assertEquals(new Rejection(0, 1, "", "expected a JSON object, got array"
                    + " (NDJSON takes one object per line; send an array as JSON)"), r);
            assertEquals(new Rejection(0, 2, "", "expected a JSON object, got string"), onlyRejection(ndjson("\n'x'")));
            assertEquals(new Rejection(0, null, "", "expected a JSON object or an array of objects, got integer"),
                    onlyRejection(json("42")));
        }

        @Test
        void everyProblemOfAnEventIsReported() {
            ReadResult r = ndjson("{'type':'network','time':'soon','network':{'dstPort':70000}}");
            assertEquals(List.of(
                    new Rejection(0, 1, "time", "not an ISO-8601 instant: 'soon' (expected e.g. 2026-11-20T10:00:00Z)"),
                    new Rejection(0, 1, "network.dstPort", "must be between 0 and 65535, got 70000"),
                    new Rejection(0, 1, "agentId", "required"),
                    new Rejection(0, 1, "network.dstIp", "required: a network event needs network.dstIp or network.dstDomain")),
                    r.rejections());
            assertEquals(1, r.rejectedCount());
        }

        @Test
        void unknownFieldsAreIgnoredHoweverDeep() {
            String line = PROCESS.replace("{'exe'", "{'cgroup':{'a':[{'b':[1,2,{'c':null}]}],'d':'e'},'exe'")
                    .replace("{" + HEAD, "{'labels':{'team':['x',{'y':1}]},'score':1.5,'ok':true,'n':null," + HEAD);
            Event e = ndjson(line).events().get(0).event();
            assertEquals("/bin/bash", e.exe());
        }

        @Test
        void aPartTheTypeDoesNotUseIsDroppedWithItsProblems() {
            // the contract sets only the type's own part; a stray part must not reject the event
            Event e = ndjson(API.replace("{" + HEAD, "{'network':{'dstPort':'x'},'module':{'sha256':'nope'}," + HEAD))
                    .events().get(0).event();
            assertNull(e.network());
            assertNull(e.module());
            assertEquals("ci", e.api().principal());
        }

        @Test
        void processAndContainerAreOptionalOnEveryType() {
            for (String line : List.of(NETWORK, MODULE, API, RESOURCE, CONFIG)) {
                Event e = ndjson(line).events().get(0).event();
                assertNull(e.process());
                assertNull(e.container());
            }
            String withPartialProcess = "'process':{'pid':7},'container':{'id':'c1'},";
            for (String line : List.of(NETWORK, MODULE, API, RESOURCE, CONFIG)) {
                Event e = ndjson(line.replace("{" + HEAD, "{" + withPartialProcess + HEAD)).events().get(0).event();
                assertEquals(7L, e.process().pid());
                assertNull(e.exe());
                assertEquals("c1", e.container().id());
            }
        }

        @Test
        void everyArrayElementIsChecked() {
            ReadResult r = ndjson(event("process", "'process':{'exe':'/bin/sh','args':['sh',1,null],'ancestry':[{}]}"));
            assertEquals(List.of(
                    new Rejection(0, 1, "process.args[1]", "expected a string, got integer"),
                    new Rejection(0, 1, "process.args[2]", "expected a string, got null"),
                    new Rejection(0, 1, "process.ancestry[0]", "expected a string, got object")), r.rejections());
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','args':'sh -c'}"), "process.args",
                    "expected an array of strings, got string");
        }

        @Test
        void parentIsExeAndPid() {
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','parent':{'exe':'/bin/init','pid':'1'}}"),
                    "process.parent.pid", "expected an integer, got string");
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','parent':'/bin/init'}"),
                    "process.parent", "expected an object, got string");
            assertOnlyProblem(event("process", "'process':{'exe':'/bin/sh','pid':-1}"), "process.pid", "must not be negative, got -1");
        }
    }

    @Nested
    class TypeRequirements {
        @Test
        void processNeedsExe() {
            assertOnlyProblem(event("process", ""), "process", "required for a process event");
            assertOnlyProblem(event("process", "'process':{'pid':1}"), "process.exe", "required");
            assertOnlyProblem(event("process", "'process':{'exe':''}"), "process.exe", "must not be blank");
            assertOnlyProblem(event("process", "'process':null"), "process", "required for a process event");
        }

        @Test
        void networkNeedsADestination() {
            assertOnlyProblem(event("network", ""), "network", "required for a network event");
            assertOnlyProblem(event("network", "'network':{'dstPort':443}"), "network.dstIp",
                    "required: a network event needs network.dstIp or network.dstDomain");
            Event byDomain = ndjson(event("network", "'network':{'dstDomain':'api.example.com'}")).events().get(0).event();
            assertEquals("api.example.com", byDomain.network().dstDomain());
        }

        @Test
        void networkPortsAreBetween0And65535() {
            assertOnlyProblem(NETWORK.replace("'dstIp'", "'dstPort':65536,'dstIp'"), "network.dstPort",
                    "must be between 0 and 65535, got 65536");
            assertOnlyProblem(NETWORK.replace("'dstIp'", "'srcPort':-1,'dstIp'"), "network.srcPort",
                    "must be between 0 and 65535, got -1");
            Event e = ndjson(NETWORK.replace("'dstIp'", "'srcPort':0,'dstPort':65535,'dstIp'")).events().get(0).event();
            assertEquals(0, e.network().srcPort());
            assertEquals(65535, e.network().dstPort());
        }

        @Test
        void networkBytesAreNotNegative() {
            assertOnlyProblem(NETWORK.replace("'dstIp'", "'bytesOut':-5,'dstIp'"), "network.bytesOut", "must not be negative, got -5");
            assertOnlyProblem(NETWORK.replace("'dstIp'", "'bytesIn':-1,'dstIp'"), "network.bytesIn", "must not be negative, got -1");
        }

        @Test
        void networkDirectionIsNormalized() {
            assertEquals("inbound", directionOf("ingress"));
            assertEquals("outbound", directionOf("egress"));
            assertEquals("inbound", directionOf("inbound"));
            assertEquals("outbound", directionOf("outbound"));
            assertOnlyProblem(NETWORK.replace("'dstIp'", "'direction':'sideways','dstIp'"), "network.direction",
                    "must be one of inbound, outbound, ingress, egress; got 'sideways'");
        }

        private String directionOf(String direction) {
            return ndjson(NETWORK.replace("'dstIp'", "'direction':'" + direction + "','dstIp'")).events().get(0).event()
                    .network().direction();
        }

        @Test
        void moduleNeedsPathAndA64HexDigest() {
            assertOnlyProblem(event("module", ""), "module", "required for a module event");
            assertOnlyProblem(MODULE.replace("'path':'/usr/lib/libssl.so.3',", ""), "module.path", "required");
            assertOnlyProblem(MODULE.replace(",'sha256':'" + SHA + "'", ""), "module.sha256", "required");
            assertOnlyProblem(MODULE.replace(SHA, "abc"), "module.sha256",
                    "expected 64 hex characters (a SHA-256 digest), got 3 characters");
            String notHex = "z" + SHA.substring(1);
            assertOnlyProblem(MODULE.replace(SHA, notHex), "module.sha256",
                    "expected 64 hex characters (a SHA-256 digest), got '" + notHex + "'");
        }

        @Test
        void moduleDigestIsLowerCased() {
            Event e = ndjson(MODULE.replace(SHA, SHA.toUpperCase())).events().get(0).event();
            assertEquals(SHA, e.module().sha256());
        }

        @Test
        void apiNeedsOperationAndPrincipal() {
            assertOnlyProblem(event("api", ""), "api", "required for an api event");
            assertOnlyProblem(API.replace("'operation':'iam:CreateAccessKey',", ""), "api.operation", "required");
            assertOnlyProblem(API.replace(",'principal':'ci'", ""), "api.principal", "required");
            assertOnlyProblem(API.replace("'ci'", "' '"), "api.principal", "must not be blank");
        }

        @Test
        void resourceNeedsAnIntervalAndOneReading() {
            assertOnlyProblem(event("resource", ""), "resource", "required for a resource event");
            assertOnlyProblem(RESOURCE.replace("'intervalSeconds':60,", ""), "resource.intervalSeconds", "required");
            assertOnlyProblem(RESOURCE.replace("60", "0"), "resource.intervalSeconds", "must be greater than 0, got 0");
            assertOnlyProblem(event("resource", "'resource':{'intervalSeconds':60}"), "resource",
                    "needs at least one of cpuCores, memoryBytes, netTxBytes, netRxBytes");
        }

        @Test
        void resourceReadingsAreNotNegative() {
            assertOnlyProblem(RESOURCE.replace("1.5", "-0.5"), "resource.cpuCores", "must be a non-negative finite number, got -0.5");
            for (String metric : List.of("memoryBytes", "netTxBytes", "netRxBytes")) {
                assertOnlyProblem(RESOURCE.replace("'cpuCores':1.5", "'" + metric + "':-1"), "resource." + metric,
                        "must not be negative, got -1");
            }
            Event e = ndjson(RESOURCE.replace("'cpuCores':1.5", "'memoryBytes':0")).events().get(0).event();
            assertEquals(0L, e.resource().memoryBytes());
        }

        @Test
        void configNeedsKindIdAndAKnownChange() {
            assertOnlyProblem(event("config", ""), "config", "required for a config event");
            assertOnlyProblem(CONFIG.replace("'kind':'Deployment',", ""), "config.kind", "required");
            assertOnlyProblem(CONFIG.replace("'id':'shop/web',", ""), "config.id", "required");
            assertOnlyProblem(CONFIG.replace(",'change':'update'", ""), "config.change", "required");
            assertOnlyProblem(CONFIG.replace("'update'", "'patch'"), "config.change",
                    "must be one of create, update, modify, add, remove, delete; got 'patch'");
        }

        @Test
        void configBeforeAndAfterAreObjects() {
            assertOnlyProblem(CONFIG.replace("'update'", "'update','before':'replicas=3'"), "config.before",
                    "expected an object, got string");
            assertOnlyProblem(CONFIG.replace("'update'", "'update','after':[1]"), "config.after", "expected an object, got array");
            Event e = ndjson(CONFIG.replace("'update'", "'update','before':null")).events().get(0).event();
            assertNull(e.config().before());
        }
    }

    /** The README's examples, one per type, read back field by field. */
    @Nested
    class RoundTrip {
        static final String README_PROCESS = """
                {"id": "evt-1", "agentId": "web-7", "time": "2026-11-20T10:00:00Z", "type": "process",
                 "process": {"exe": "/bin/bash", "args": ["-c", "id"], "pid": 4242, "user": "app",
                             "parent": {"exe": "/usr/bin/python3", "pid": 4100},
                             "ancestry": ["/usr/bin/python3", "/usr/bin/containerd-shim"]},
                 "container": {"id": "c1", "image": "ghcr.io/acme/agent:1.4", "imageDigest": "sha256:4f1c..."}}""";
        static final String README_NETWORK = """
                {"agentId": "web-7", "time": "2026-11-20T10:00:01Z", "type": "network",
                 "process": {"exe": "/usr/bin/python3"},
                 "network": {"direction": "outbound", "protocol": "tcp", "srcIp": "10.0.3.7", "srcPort": 43122,
                             "dstIp": "203.0.113.50", "dstPort": 443, "dstDomain": "updates.example.net",
                             "bytesOut": 5120, "bytesIn": 880}}""";
        static final String README_MODULE = """
                {"agentId": "web-7", "time": "2026-11-20T10:00:02Z", "type": "module",
                 "process": {"exe": "/usr/bin/python3"},
                 "module": {"path": "/usr/lib/x86_64-linux-gnu/libssl.so.3",
                            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}""";
        static final String README_API = """
                {"agentId": "web-7", "time": "2026-11-20T10:00:03Z", "type": "api",
                 "api": {"principal": "system:serviceaccount:shop:web", "operation": "get secrets",
                         "resource": "shop/db-password", "sourceIp": "10.0.3.7", "outcome": "success"}}""";
        static final String README_RESOURCE = """
                {"agentId": "web-7", "time": "2026-11-20T10:01:00Z", "type": "resource",
                 "resource": {"cpuCores": 0.35, "memoryBytes": 268435456, "netTxBytes": 1048576,
                              "netRxBytes": 2097152, "intervalSeconds": 60}}""";
        static final String README_CONFIG = """
                {"agentId": "prod-cluster", "time": "2026-11-20T10:02:00Z", "type": "config",
                 "config": {"kind": "ClusterRoleBinding", "id": "ops-admin", "change": "create",
                            "before": null, "after": {"roleRef": {"name": "cluster-admin"}}, "actor": "alice"}}""";

        @Test
        void processWithParentAncestryAndContainer() {
            Event e = one(README_PROCESS);
            assertEquals(new Event("evt-1", "web-7", T0, EventType.PROCESS,
                    new Event.Process("/bin/bash", List.of("-c", "id"), 4242L, "app",
                            new Event.Parent("/usr/bin/python3", 4100L), List.of("/usr/bin/python3", "/usr/bin/containerd-shim")),
                    new Event.Container("c1", "ghcr.io/acme/agent:1.4", "sha256:4f1c..."),
                    null, null, null, null, null), e);
            assertEquals("/usr/bin/python3", e.process().parentExe());
        }

        @Test
        void networkOutboundTcp() {
            Event e = one(README_NETWORK);
            assertEquals(new Event(null, "web-7", T0.plusSeconds(1), EventType.NETWORK,
                    new Event.Process("/usr/bin/python3", null, null, null, null, null), null,
                    new Event.Network("outbound", "tcp", "10.0.3.7", 43122, "203.0.113.50", 443, "updates.example.net", 5120L, 880L),
                    null, null, null, null), e);
            assertTrue(e.network().outbound());
        }

        @Test
        void module() {
            assertEquals(new Event(null, "web-7", T0.plusSeconds(2), EventType.MODULE,
                    new Event.Process("/usr/bin/python3", null, null, null, null, null), null, null,
                    new Event.Module("/usr/lib/x86_64-linux-gnu/libssl.so.3", SHA), null, null, null), one(README_MODULE));
        }

        @Test
        void api() {
            assertEquals(new Event(null, "web-7", T0.plusSeconds(3), EventType.API, null, null, null, null,
                    new Event.Api("system:serviceaccount:shop:web", "get secrets", "shop/db-password", "10.0.3.7", "success"),
                    null, null), one(README_API));
        }

        @Test
        void resource() {
            assertEquals(new Event(null, "web-7", T0.plusSeconds(60), EventType.RESOURCE, null, null, null, null, null,
                    new Event.Resource(0.35, 268_435_456L, 1_048_576L, 2_097_152L, 60), null), one(README_RESOURCE));
        }

        @Test
        void resourceCpuMayBeWrittenAsAnInteger() {
            assertEquals(2.0, one(README_RESOURCE.replace("0.35", "2")).resource().cpuCores());
        }

        @Test
        void configWithAfterMap() {
            assertEquals(new Event(null, "prod-cluster", T0.plusSeconds(120), EventType.CONFIG, null, null, null, null, null, null,
                    new Event.Config("ClusterRoleBinding", "ops-admin", "create", null,
                            Map.of("roleRef", Map.of("name", "cluster-admin")), "alice")), one(README_CONFIG));
        }

        @Test
        void configMapsKeepEveryJsonValueKind() {
            Event e = one("""
                    {"agentId":"k8s-prod","time":"2026-11-20T10:00:00Z","type":"config",
                     "config":{"kind":"Deployment","id":"shop/web","change":"update","actor":"alice",
                               "before":{"replicas":3,"image":"shop/web:1.4.2","hostNetwork":false,"limits":{"cpu":"500m"},
                                         "ports":[80,443],"note":null},
                               "after":{"replicas":3,"image":"shop/web:1.4.3","hostNetwork":true,"limits":{"cpu":1.5},
                                        "ports":[80],"big":12345678901}}}
                    """);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("replicas", 3);
            before.put("image", "shop/web:1.4.2");
            before.put("hostNetwork", false);
            before.put("limits", Map.of("cpu", "500m"));
            before.put("ports", List.of(80, 443));
            before.put("note", null);
            Map<String, Object> after = Map.of("replicas", 3, "image", "shop/web:1.4.3", "hostNetwork", true,
                    "limits", Map.of("cpu", 1.5), "ports", List.of(80), "big", 12_345_678_901L);
            assertEquals(new Event.Config("Deployment", "shop/web", "update", before, after, "alice"), e.config());
        }

        @Test
        void allExamplesAsOneArrayAndAsNdjson() {
            List<String> examples = List.of(README_PROCESS, README_NETWORK, README_MODULE, README_API, README_RESOURCE,
                    README_CONFIG);
            ReadResult array = READER.read(("[" + String.join(",", examples) + "]").getBytes(StandardCharsets.UTF_8), Format.JSON);
            assertEquals(List.of(), array.rejections());
            assertEquals(List.of(EventType.values()), array.events().stream().map(i -> i.event().type()).toList());
            String ndjson = String.join("\n", examples.stream().map(x -> x.replace("\n", " ")).toList());
            ReadResult lines = READER.read(ndjson.getBytes(StandardCharsets.UTF_8), Format.NDJSON);
            assertEquals(array, lines);
        }

        /** A pretty-printed event, read as a lone JSON object. */
        private Event one(String json) {
            ReadResult r = READER.read(json.getBytes(StandardCharsets.UTF_8), Format.JSON);
            assertEquals(List.of(), r.rejections());
            return r.events().get(0).event();
        }
    }

    @Nested
    class Ndjson {
        @Test
        void badEventsDoNotBlockGoodOnes() {
            ReadResult r = ndjson(PROCESS + "\n" + PROCESS.replace("'/bin/bash'", "7") + "\n" + API);
            assertEquals(List.of(0, 2), indexes(r));
            assertEquals(List.of(new Rejection(1, 2, "process.exe", "expected a string, got integer")), r.rejections());
        }

        @Test
        void blankLinesAreSkippedAndCrLfAccepted() {
            ReadResult r = ndjson("\r\n" + PROCESS + "\r\n   \r\n\t\n" + API.replace("'web-1'", "''") + "\r\n" + NETWORK + "\r\n\r\n");
            assertEquals(List.of(0, 2), indexes(r));
            assertEquals(List.of(new Rejection(1, 5, "agentId", "must not be blank")), r.rejections());
        }

        @Test
        void malformedLineRejectsOnlyThatLine() {
            ReadResult r = ndjson(PROCESS + "\n{'agentId':'a', oops}\n" + API);
            assertEquals(List.of(0, 2), indexes(r));
            assertEquals(List.of(new Rejection(1, 2, "",
                    "malformed JSON at column 17: Unexpected character ('o' (code 111)): was expecting double-quote to start field name")),
                    r.rejections());
        }

        @Test
        void truncatedLineSaysWhereTheObjectStarted() {
            Rejection r = onlyRejection(ndjson("  {'agentId':'a'"));
            assertEquals(0, r.index());
            assertEquals("malformed JSON at column 17: Unexpected end-of-input: expected close marker for Object"
                    + " (start marker at column 3)", r.reason());
        }

        @Test
        void twoObjectsOnOneLineRejectTheLine() {
            ReadResult r = ndjson(PROCESS + "\n" + API + " " + API + "\n" + NETWORK);
            assertEquals(List.of(0, 2), indexes(r));
            Rejection rejection = r.rejections().get(0);
            assertEquals(1, rejection.index());
            assertEquals(2, rejection.line());
            assertTrue(rejection.reason().startsWith("unexpected content after the event object at column "), rejection.reason());
        }

        @Test
        void anObjectOverSeveralLinesIsNotNdjson() {
            ReadResult r = ndjson(PROCESS + "\n{" + HEAD + ",\n'type':'api','api':{'operation':'o','principal':'p'}}\n" + API);
            assertEquals(List.of(0, 3), indexes(r));
            assertEquals(List.of(1, 2), r.rejections().stream().map(Rejection::index).toList());
            assertEquals(List.of(2, 3), r.rejections().stream().map(Rejection::line).toList());
        }

        @Test
        void problemsAfterTheFirstBrokenLineKeepTheirLineNumbers() {
            // the broken line makes the reader go on line by line; indexes and lines must not shift
            ReadResult r = ndjson(PROCESS + "\n\n{]\n" + API + "\n\n" + API.replace("'ci'", "3") + "\n" + NETWORK);
            assertEquals(List.of(0, 2, 4), indexes(r));
            assertEquals(List.of(new Rejection(1, 3, "", r.rejections().get(0).reason()),
                    new Rejection(3, 6, "api.principal", "expected a string, got integer")), r.rejections());
        }

        @Test
        void eachBrokenLineOfAManyLineBodyIsFound() {
            List<String> lines = new ArrayList<>();
            List<Integer> broken = List.of(3, 50, 51, 99);
            for (int i = 0; i < 100; i++) {
                lines.add(broken.contains(i) ? "{'agentId':" : API);
            }
            ReadResult r = ndjson(String.join("\n", lines));
            assertEquals(96, r.events().size());
            assertEquals(broken, r.rejections().stream().map(Rejection::index).toList());
            assertEquals(List.of(4, 51, 52, 100), r.rejections().stream().map(Rejection::line).toList());
        }

        @Test
        void aBodyReadsAsEachOfItsLinesReadAlone() {
            // the whole body is read by one parser until a line breaks; the result must not depend on that
            List<String> lines = List.of(PROCESS, "", API.replace("'ci'", "1"), "{'agentId':", "  ", NETWORK + " " + NETWORK,
                    "[1]", MODULE, "{" + HEAD + ",", "'type':'api'}", RESOURCE + "\r", "7", CONFIG, "{}", API + "{", API);
            ReadResult whole = ndjson(String.join("\n", lines));
            List<Indexed> events = new ArrayList<>();
            List<Rejection> rejections = new ArrayList<>();
            int index = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                ReadResult alone = ndjson(lines.get(i));
                for (Indexed e : alone.events()) {
                    events.add(new Indexed(index, e.event()));
                }
                for (Rejection r : alone.rejections()) {
                    rejections.add(new Rejection(index, i + 1, r.field(), r.reason()));
                }
                index++;
            }
            assertEquals(events, whole.events());
            assertEquals(rejections, whole.rejections());
            assertEquals(List.of(0, 5, 8, 10, 13), indexes(whole));
        }

        @Test
        void byteOrderMarkIsSkipped() {
            byte[] text = dq(API + "\n" + API).getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[text.length + 3];
            body[0] = (byte) 0xEF;
            body[1] = (byte) 0xBB;
            body[2] = (byte) 0xBF;
            System.arraycopy(text, 0, body, 3, text.length);
            assertEquals(2, READER.read(body, Format.NDJSON).events().size());
        }

        @Test
        void emptyBodyHasNoEvents() {
            ReadResult r = ndjson("\n\n");
            assertEquals(List.of(), r.events());
            assertEquals(List.of(), r.rejections());
        }
    }

    @Nested
    class Json {
        @Test
        void singleObject() {
            ReadResult r = json(API);
            assertEquals(List.of(0), indexes(r));
            assertEquals(List.of(), r.rejections());
        }

        @Test
        void arrayKeepsGoodElementsAndRejectsBadOnes() {
            ReadResult r = json("[" + PROCESS + ", 5,\n" + API.replace("'ci'", "null") + ",\n" + NETWORK + "]");
            assertEquals(List.of(0, 3), indexes(r));
            assertEquals(List.of(new Rejection(1, null, "", "expected a JSON object, got integer"),
                    new Rejection(2, null, "api.principal", "required")), r.rejections());
        }

        @Test
        void malformedArrayStopsAtTheBrokenElement() {
            ReadResult r = json("[" + PROCESS + ",\n" + API + ",\n  {'agentId' 1},\n" + NETWORK + "]");
            assertEquals(List.of(0, 1), indexes(r));
            Rejection rejection = onlyRejectionOf(r);
            assertEquals(2, rejection.index());
            assertNull(rejection.line());
            assertEquals("", rejection.field());
            assertEquals("malformed JSON at line 3, column 14: Unexpected character ('1' (code 49)): was expecting a colon"
                    + " to separate field name and value; the rest of the array was not read (a JSON array cannot be"
                    + " resumed after this error; NDJSON can: there a broken line costs only itself)", rejection.reason());
        }

        @Test
        void malformedBetweenElementsBlamesTheNextIndex() {
            Rejection r = onlyRejectionOf(json("[" + API + ",," + API + "]"));
            assertEquals(1, r.index());
            assertTrue(r.reason().contains("the rest of the array was not read"), r.reason());
        }

        @Test
        void contentAfterTheValueIsRejected() {
            ReadResult r = json(API + " " + API);
            assertEquals(List.of(0), indexes(r));
            assertEquals(1, onlyRejectionOf(r).index());
            assertTrue(onlyRejectionOf(r).reason().startsWith("unexpected content after the JSON value at line 1, column "));
        }

        @Test
        void emptyBodyIsRejected() {
            assertEquals(new Rejection(0, null, "", "empty body: expected a JSON object or an array of objects"),
                    onlyRejection(json(" \n")));
            assertEquals(List.of(), json("[]").rejections());
        }
    }

    @Nested
    class Limits {
        private final EventReader small = new EventReader(new ReaderLimits(3, 400, 4, 40));

        @Test
        void moreEventsThanTheLimitThrow() {
            String four = String.join("\n", API, API, API, API);
            BatchTooLargeException e = assertThrows(BatchTooLargeException.class, () -> small.read(bytes(four), Format.NDJSON));
            assertEquals(3, e.limit());
            assertTrue(e.getMessage().contains("more than 3 events"), e.getMessage());
            assertThrows(BatchTooLargeException.class, () -> small.read(bytes("[" + four.replace("\n", ",") + "]"), Format.JSON));
            // bad events count too, blank lines do not
            assertThrows(BatchTooLargeException.class, () -> small.read(bytes("1\n2\n3\n4"), Format.NDJSON));
            assertEquals(3, small.read(bytes(API + "\n\n" + API + "\n\n" + API + "\n"), Format.NDJSON).events().size());
        }

        @Test
        void aLineLongerThanTheLimitThrowsWithItsNumber() {
            // strings stay under the 40-character string limit; together they pass 400 bytes
            String longLine = API.replace("{", "{" + "'pad':'%s',".formatted("p".repeat(30)).repeat(12));
            assertTrue(longLine.length() > 400);
            LineTooLongException e = assertThrows(LineTooLongException.class,
                    () -> small.read(bytes(API + "\n\n" + longLine + "\n" + API), Format.NDJSON));
            assertEquals(3, e.line());
            assertEquals(400, e.limit());
            assertEquals("NDJSON line 3 is longer than the limit of 400 bytes", e.getMessage());
            // whitespace counts: the limit is on the line, not on the event
            assertThrows(LineTooLongException.class, () -> small.read(bytes(API + " ".repeat(400)), Format.NDJSON));
            assertEquals(1, small.read(bytes(API + " ".repeat(400 - dq(API).length()) + "\r\n"), Format.NDJSON).events().size());
        }

        @Test
        void tooDeepRejectsOnlyThatEvent() {
            // the event object is level 1; x, a, b, c would be levels 2 to 5
            String deep = API.replace("{" + HEAD, "{'x':{'a':{'b':{'c':{}}}}," + HEAD);
            ReadResult r = small.read(bytes(API + "\n" + deep + "\n" + API), Format.NDJSON);
            assertEquals(List.of(0, 2), indexes(r));
            assertEquals(List.of(new Rejection(1, 2, "x.a.b.c", "nested deeper than the limit of 4 levels of objects and arrays")),
                    r.rejections());
            String deepest = API.replace("{" + HEAD, "{'x':{'a':{'b':{}}}," + HEAD);
            assertEquals(1, small.read(bytes(deepest), Format.NDJSON).events().size());
            assertEquals(1, small.read(bytes("[" + deepest + "]"), Format.JSON).events().size(), "an array adds no level");
            Rejection inArray = onlyRejectionOf(small.read(bytes("[" + deep + "]"), Format.JSON));
            assertEquals("x.a.b.c", inArray.field());
            assertTrue(inArray.reason().startsWith("nested deeper than the limit of 4 levels"), inArray.reason());
        }

        @Test
        void tooLongStringRejectsOnlyThatEvent() {
            String longArg = event("process", "'process':{'exe':'/bin/sh','args':['sh','" + "a".repeat(300) + "']}");
            ReadResult r = new EventReader(new ReaderLimits(10, 10_000, 8, 100)).read(bytes(API + "\n" + longArg + "\n" + API),
                    Format.NDJSON);
            assertEquals(List.of(0, 2), indexes(r));
            assertEquals(List.of(new Rejection(1, 2, "process.args[1]", "string value longer than the limit of 100 characters")),
                    r.rejections());
        }

        @Test
        void limitsReachIntoFreeFormMaps() {
            EventReader reader = new EventReader(new ReaderLimits(10, 10_000, 4, 100));
            String longValue = CONFIG.replace("'update'", "'update','after':{'spec':{'note':'" + "n".repeat(101) + "'}}");
            assertEquals(new Rejection(0, 1, "config.after.spec.note", "string value longer than the limit of 100 characters"),
                    onlyRejection(reader.read(bytes(longValue), Format.NDJSON)));
            String deep = CONFIG.replace("'update'", "'update','after':{'a':{'b':[1]}}");
            assertEquals(new Rejection(0, 1, "config.after.a.b", "nested deeper than the limit of 4 levels of objects and arrays"),
                    onlyRejection(reader.read(bytes(deep), Format.NDJSON)));
        }

        @Test
        void limitsMustBePositive() {
            assertThrows(IllegalArgumentException.class, () -> new ReaderLimits(0, 1, 1, 1));
        }
    }

    @Test
    void oneReaderServesManyThreads() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            body.append(i % 100 == 7 ? API.replace("'ci'", "1") : API.replace("web-1", "web-" + i)).append('\n');
        }
        byte[] bytes = bytes(body.toString());
        ReadResult expected = READER.read(bytes, Format.NDJSON);
        assertEquals(1_980, expected.events().size());
        assertTrue(IntStream.range(0, 64).parallel().mapToObj(i -> READER.read(bytes, Format.NDJSON)).allMatch(expected::equals));
    }

    // ---- helpers

    static String event(String type, String rest) {
        return "{" + HEAD + ",'type':'" + type + "'" + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    /** ' to ", so that test JSON reads without escapes. */
    static String dq(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static byte[] bytes(String singleQuoted) {
        return dq(singleQuoted).getBytes(StandardCharsets.UTF_8);
    }

    static ReadResult ndjson(String singleQuoted) {
        return READER.read(bytes(singleQuoted), Format.NDJSON);
    }

    static ReadResult json(String singleQuoted) {
        return READER.read(bytes(singleQuoted), Format.JSON);
    }

    static Rejection onlyRejection(ReadResult r) {
        assertEquals(List.of(), r.events());
        return onlyRejectionOf(r);
    }

    static Rejection onlyRejectionOf(ReadResult r) {
        assertEquals(1, r.rejections().size(), () -> r.rejections().toString());
        return r.rejections().get(0);
    }

    /** The line, read as NDJSON and as a JSON array, is rejected for exactly this one problem. */
    static void assertOnlyProblem(String line, String field, String reason) {
        assertEquals(new Rejection(0, 1, field, reason), onlyRejection(ndjson(line)));
        assertEquals(new Rejection(0, null, field, reason), onlyRejection(json("[" + line + "]")));
    }

    static List<Integer> indexes(ReadResult r) {
        return r.events().stream().map(Indexed::index).toList();
    }
}
