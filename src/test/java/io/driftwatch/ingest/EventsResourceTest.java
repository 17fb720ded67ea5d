package io.driftwatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The ingest contract as a client sees it: what is accepted, and how each bad event is explained. */
@QuarkusTest
class EventsResourceTest {

    static final String GOOD = """
            {"agentId":"ingest-1","time":"2026-11-20T10:00:00Z","type":"process","process":{"exe":"/bin/ls","parent":{"exe":"/bin/sh"}}}""";

    @Test
    void oneBadEventDoesNotBlockTheGoodOnes() {
        String body = GOOD + "\n"
                + "{\"agentId\":\"ingest-1\",\"time\":\"yesterday\",\"type\":\"process\",\"process\":{\"exe\":\"/bin/ls\"}}\n"
                + GOOD.replace("10:00:00", "10:00:01") + "\n";
        given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/events")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].line", equalTo(2))
                .body("rejected[0].field", equalTo("time"))
                .body("rejected[0].reason", containsString("yesterday"));
    }

    @Test
    void unknownTypeListsTheKnownTypes() {
        given().contentType("application/json")
                .body("{\"agentId\":\"ingest-2\",\"time\":\"2026-11-20T10:00:00Z\",\"type\":\"proces\"}")
                .when().post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("process, network, module, api, resource, config"));
    }

    @Test
    void missingAgentIdAndTimeAreNamed() {
        given().contentType("application/json")
                .body("[{\"time\":\"2026-11-20T10:00:00Z\",\"type\":\"process\",\"process\":{\"exe\":\"/bin/ls\"}},"
                        + "{\"agentId\":\"ingest-3\",\"type\":\"process\",\"process\":{\"exe\":\"/bin/ls\"}}]")
                .when().post("/events")
                .then().statusCode(400)
                .body("errors", hasSize(2))
                .body("errors[0].index", equalTo(0))
                .body("errors[0].field", equalTo("agentId"))
                .body("errors[1].index", equalTo(1))
                .body("errors[1].field", equalTo("time"));
    }

    @Test
    void anEventIdSeenBeforeIsNotProcessedTwice() {
        String withId = GOOD.replace("{\"agentId\"", "{\"id\":\"dup-1\",\"agentId\"").replace("ingest-1", "ingest-4");
        given().contentType("application/json").body(withId).post("/events").then().statusCode(200)
                .body("accepted", equalTo(1));
        given().contentType("application/json").body(withId).post("/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    }

    @Test
    void emptyBodyIsABadRequest() {
        given().contentType("application/json").body("").when().post("/events")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("empty body"));
    }

    @Test
    void aBatchOverTheLimitIsRefusedWith413() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= 5000; i++) { // test profile: driftwatch.ingest.max-events=5000
            body.append(GOOD.replace("ingest-1", "ingest-5")).append('\n');
        }
        given().contentType("application/x-ndjson").body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/events")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("5000"));
    }

    @Test
    void anNdjsonLineOverTheLimitIsRefusedWith413() {
        String longLine = GOOD.replace("/bin/ls", "/bin/" + "x".repeat(70_000)); // test profile: 64 KiB lines
        given().contentType("application/x-ndjson").body((GOOD + "\n" + longLine + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/events")
                .then().statusCode(413).body("detail", containsString("line 2"));
    }

    @Test
    void unknownAlertIsA404Problem() {
        given().when().get("/alerts/no-such-id").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-id"));
    }
}
