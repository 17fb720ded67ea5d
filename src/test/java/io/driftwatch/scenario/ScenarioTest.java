package io.driftwatch.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.AsTestAdmin;
import io.driftwatch.change.DeploymentTestKeys;
import io.driftwatch.drift.ApprovedConfigException;
import io.driftwatch.drift.ApprovedFiles;
import io.driftwatch.drift.ConfigObject;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replays every case under testdata/scenarios through the running service, as production would send it: the
 * case's approved configuration through PUT /approved, its deployment records (signed as CI signs them)
 * through POST /deployments, then events.ndjson through POST /events,
 * k8s-audit.ndjson through POST /ingest/k8s-audit, cloudtrail.ndjson through POST /ingest/cloudtrail, and
 * falco.ndjson, tetragon.ndjson and sysmon.ndjson through their /ingest endpoints. The alerts of the case's
 * agents must be exactly those of expected.json.
 */
@QuarkusTest
class ScenarioTest {

    static final Path SCENARIOS = Path.of("testdata/scenarios");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "Bearer test-admin-token";

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(d -> Files.exists(d.resolve("expected.json"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayRaisesExactlyTheExpectedAlerts(String name) throws IOException, ApprovedConfigException {
        Path dir = SCENARIOS.resolve(name);
        JsonNode expectedDoc = JSON.readTree(dir.resolve("expected.json").toFile());
        String cluster = expectedDoc.path("cluster").asText("kubernetes");
        Set<String> agents = new TreeSet<>();
        for (ApprovedFiles.Entry e : ApprovedFiles.read(dir.resolve("approved"))) {
            approve(e.object());
            agents.add(e.object().agentId());
        }
        for (JsonNode record : deployments(dir)) {
            byte[] body = record.toString().getBytes(StandardCharsets.UTF_8);
            given().contentType("application/json").header("X-Driftwatch-Signature", DeploymentTestKeys.hmac(body, AsTestAdmin.HMAC_KEY))
                    .body(body).when().post("/deployments").then().statusCode(201);
        }
        send(dir.resolve("events.ndjson"), "/events", agents, "agentId", null);
        send(dir.resolve("k8s-audit.ndjson"), "/ingest/k8s-audit?cluster=" + cluster, agents, null, cluster);
        send(dir.resolve("cloudtrail.ndjson"), "/ingest/cloudtrail", agents, "recipientAccountId", null);
        // runtime feeds: the agent is the host each record names
        send(dir.resolve("falco.ndjson"), "/ingest/falco", agents, "hostname", null);
        send(dir.resolve("tetragon.ndjson"), "/ingest/tetragon", agents, "node_name", null);
        send(dir.resolve("sysmon.ndjson"), "/ingest/sysmon", agents, "/winlog/computer_name", null);

        Set<String> expected = new TreeSet<>();
        for (JsonNode a : expectedDoc.get("alerts")) {
            expected.add(line(a.get("agentId").asText(), a.get("rule").asText(), a.get("behaviourKey").asText(),
                    a.get("severity").asText(), a.path("status").asText("open")));
            agents.add(a.get("agentId").asText());
        }
        Set<String> actual = new TreeSet<>();
        for (String agent : agents) {
            List<Map<String, Object>> items = given().queryParam("agentId", agent).queryParam("limit", 1000)
                    .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> a : items) {
                actual.add(line((String) a.get("agentId"), (String) a.get("rule"), (String) a.get("behaviourKey"),
                        (String) a.get("severity"), (String) a.get("status")));
            }
        }
        assertEquals(expected, actual, () -> name + ": " + expectedDoc.get("description").asText());
    }

    private static List<JsonNode> deployments(Path dir) throws IOException {
        Path file = dir.resolve("deployments.json");
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).forEach(out::add);
        }
        return out;
    }


    private static void approve(ConfigObject o) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (o.state().containsKey("apiVersion")) {
            body.putAll(o.state());
        } else {
            body.put("kind", o.kind());
            if (o.namespace() != null) {
                body.put("region", o.namespace());
            }
            body.put("name", o.name());
            body.putAll(o.state());
        }
        given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .queryParam("author", "scenario").queryParam("reason", "scenario baseline")
                .when().put("/approved/" + o.agentId() + "/" + o.kind() + "/" + o.id())
                .then().statusCode(200);
    }

    /** Posts one input file if the case has it; notes the agents it speaks for. */
    private static void send(Path file, String path, Set<String> agents, String agentField, String cluster)
            throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] body = Files.readAllBytes(file);
        given().contentType("application/x-ndjson").body(body)
                .when().post(path)
                .then().statusCode(200).body("rejected", empty());
        if (cluster != null) {
            agents.add(cluster);
            return;
        }
        for (String l : new String(body).split("\n")) {
            if (!l.isBlank()) {
                JsonNode record = JSON.readTree(l);
                String id = agentField.startsWith("/") ? record.at(agentField).asText() : record.get(agentField).asText();
                agents.add(agentField.equals("recipientAccountId") ? "aws-" + id : id);
            }
        }
    }

    private static String line(String agent, String rule, String key, String severity, String status) {
        return agent + " | " + rule + " | " + key + " | " + severity + " | " + status;
    }

    static List<String> names() throws IOException {
        return new ArrayList<>(scenarios().toList());
    }
}
