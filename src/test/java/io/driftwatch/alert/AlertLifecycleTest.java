package io.driftwatch.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.driftwatch.MatureAgents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alert state machine through the API: the review queue, each transition with who, when and why, a refused
 * transition (409 naming the current and the allowed states), and what a recurrence does after each final state.
 */
@QuarkusTest
class AlertLifecycleTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(1));
    static final String[] AGENTS = {"life-a", "life-b", "life-c", "life-d", "life-e"};
    static boolean posted;

    @jakarta.inject.Inject
    AlertService alerts;

    /**
     * The engine raising the alert's behaviour again, as its rule would: handed to the service directly, since a
     * quarantined behaviour is re-reported by the shard's clock, which other test classes' later events move on.
     */
    void recurs(String id, Instant at) {
        Alert a = alerts.get(id).orElseThrow();
        alerts.onDetections(List.of(new Detection(a.rule(), a.severity(), a.description(), a.mitre(), a.agentId(),
                a.behaviourKey(), "again", Map.of(), List.of(), a.behaviours(), at, a.enrichment())));
    }

    @BeforeEach
    void agentsMatureThenDoSomethingNew() {
        if (posted) {
            return;
        }
        StringBuilder novel = new StringBuilder();
        for (String agent : AGENTS) {
            novel.append(MatureAgents.spawn(agent, DAY8, "/bin/bash"));
        }
        MatureAgents.post(T0, AGENTS, novel.toString());
        posted = true;
    }

    /** The agent's one alert, whatever its state. */
    static String anyAlertOf(String agent) {
        return given().queryParam("agentId", agent).get("/alerts").then().statusCode(200).extract().path("items[0].id");
    }

    static String alertOf(String agent) {
        return given().queryParam("agentId", agent).queryParam("status", "in-review").get("/alerts").then()
                .statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
    }

    static io.restassured.response.ValidatableResponse move(String token, String id, String to, String reason) {
        var request = given().contentType("application/json");
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.body(reason == null ? Map.of("to", to) : Map.of("to", to, "reason", reason))
                .post("/alerts/" + id + "/transitions").then();
    }

    @Test
    void theReviewQueueListsWhatNothingExplains() {
        given().queryParam("status", "in-review").queryParam("agentId", "life-a").get("/alerts").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].behaviourKey", equalTo("lineage:/usr/bin/python3 -> /bin/bash"))
                .body("items[0].enrichment.decision", equalTo("review"));
        given().queryParam("status", "under-review").get("/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("in-review"));
    }

    @Test
    void acknowledgedThenResolvedRecordsWhoWhenAndWhy() {
        String name = "alice-" + UUID.randomUUID();
        String analyst = AsTestAdmin.token(name, "analyst");
        String id = alertOf("life-a");
        Instant before = Instant.now();
        move(analyst, id, "acknowledged", null).statusCode(200)
                .body("status", equalTo("acknowledged"))
                .body("history", hasSize(1))
                .body("history[0].from", equalTo("in-review"))
                .body("history[0].to", equalTo("acknowledged"))
                .body("history[0].by", equalTo(name));
        move(analyst, id, "resolved", null).statusCode(400).body("detail", containsString("reason is required"));
        move(analyst, id, "resolved", "bash came from a debugging session; credentials rotated").statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolution.by", equalTo(name))
                .body("resolution.reason", containsString("credentials rotated"));

        var history = given().get("/alerts/" + id).then().statusCode(200)
                .body("history", hasSize(2))
                .body("history[1].from", equalTo("acknowledged"))
                .body("history[1].to", equalTo("resolved"))
                .body("history[1].reason", containsString("debugging session"))
                .extract().jsonPath();
        Instant at = Instant.parse(history.getString("history[1].at"));
        org.junit.jupiter.api.Assertions.assertFalse(at.isBefore(before.minusSeconds(1)), "when: the service's clock");
    }

    @Test
    void aFinalStateRefusesAnotherMoveWith409NamingTheAllowedOnesAndADismissedAlertCountsRecurrencesQuietly() {
        String id = alertOf("life-c");
        move(null, id, "dismissed", "a test harness on this host").statusCode(200).body("status", equalTo("dismissed"));
        move(null, id, "acknowledged", null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is dismissed and cannot become acknowledged"))
                .body("errors[0].currentStatus", equalTo("dismissed"))
                .body("errors[0].allowed", empty());
        move(null, id, "reopened", "x").statusCode(400).body("detail", containsString("\"to\" must be one of"));
        move(null, "no-such-alert", "acknowledged", null).statusCode(404);

        // within driftwatch.alerts.dismissed-quiet (24h) a recurrence counts on the dismissed alert, published nowhere
        recurs(id, DAY8.plus(Duration.ofMinutes(10)));
        given().queryParam("agentId", "life-c").queryParam("status", "in-review").get("/alerts").then()
                .body("items", hasSize(0));
        given().get("/alerts/" + id).then().body("status", equalTo("dismissed"))
                .body("count", equalTo(2)).body("suppressedCount", equalTo(1));
    }

    @Test
    void fromTheReviewQueueAnAlertCanBeAcceptedOrDismissed() {
        move(null, alertOf("life-d"), "accepted", "the nightly job now shells out on purpose").statusCode(200)
                .body("status", equalTo("accepted")).body("resolution.status", equalTo("accepted"));
        String id = alertOf("life-b");
        move(null, id, "acknowledged", null).statusCode(200);
        move(null, id, "acknowledged", null).statusCode(409)
                .body("errors[0].currentStatus", equalTo("acknowledged"))
                .body("errors[0].allowed", equalTo(java.util.List.of("resolved", "dismissed", "accepted")));
    }

    @Test
    void anIngestTokenMayNotMoveAlerts() {
        String ingest = AsTestAdmin.token("ci-" + UUID.randomUUID(), "ingest");
        move(ingest, anyAlertOf("life-d"), "acknowledged", null).statusCode(403);
    }

    @Test
    void afterResolvedARecurrenceOpensANewAlert() {
        String resolved = alertOf("life-e");
        move(null, resolved, "resolved", "removed the cron entry").statusCode(200);
        recurs(resolved, DAY8.plus(Duration.ofMinutes(10)));

        given().queryParam("agentId", "life-e").queryParam("status", "in-review").get("/alerts").then()
                .body("items", hasSize(1)).body("items[0].id", not(equalTo(resolved))).body("items[0].count", equalTo(1));
        given().get("/alerts/" + resolved).then().body("status", equalTo("resolved")).body("count", equalTo(1));
    }
}
