package io.driftwatch.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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

import io.quarkus.test.junit.QuarkusTest;

/**
 * Replays every case under testdata/scenarios through POST /events of the running service and compares the
 * alerts of the case's agents with expected.json: every expected alert, and no other.
 */
@QuarkusTest
class ScenarioTest {

    static final Path SCENARIOS = Path.of("testdata/scenarios");
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(d -> Files.exists(d.resolve("events.ndjson"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayRaisesExactlyTheExpectedAlerts(String name) throws IOException {
        Path dir = SCENARIOS.resolve(name);
        byte[] events = Files.readAllBytes(dir.resolve("events.ndjson"));
        given().contentType("application/x-ndjson").body(events)
                .when().post("/events")
                .then().statusCode(200).body("rejected", empty());

        Set<String> expected = new TreeSet<>();
        for (JsonNode a : JSON.readTree(dir.resolve("expected.json").toFile()).get("alerts")) {
            expected.add(line(a.get("agentId").asText(), a.get("rule").asText(), a.get("behaviourKey").asText(),
                    a.get("severity").asText()));
        }
        Set<String> actual = new TreeSet<>();
        for (String agent : agents(events)) {
            List<Map<String, Object>> items = given().queryParam("agentId", agent).queryParam("limit", 1000)
                    .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> a : items) {
                actual.add(line((String) a.get("agentId"), (String) a.get("rule"), (String) a.get("behaviourKey"),
                        (String) a.get("severity")));
            }
        }
        assertEquals(expected, actual, () -> name + ": " + description(dir));
    }

    private static String line(String agent, String rule, String key, String severity) {
        return agent + " | " + rule + " | " + key + " | " + severity;
    }

    private static Set<String> agents(byte[] ndjson) throws IOException {
        Set<String> agents = new TreeSet<>();
        for (String l : new String(ndjson).split("\n")) {
            if (!l.isBlank()) {
                agents.add(JSON.readTree(l).get("agentId").asText());
            }
        }
        return agents;
    }

    private static String description(Path dir) {
        try {
            return JSON.readTree(dir.resolve("expected.json").toFile()).get("description").asText();
        } catch (IOException e) {
            return "";
        }
    }

    static List<String> names() throws IOException {
        return new ArrayList<>(scenarios().toList());
    }
}
