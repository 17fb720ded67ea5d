package io.driftwatch.exception;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.driftwatch.MatureAgents;
import io.driftwatch.change.DeploymentTestKeys;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Exceptions through the API: create, list, edit, delete; an exception accepted from an alert suppresses that
 * behaviour on that agent and nothing near it; accepting can close every alert the exception covers; a verified
 * deployment for its scope revokes it; an expired one is retired.
 */
@QuarkusTest
class ExceptionsTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(1));
    static final String PYTHON = MatureAgents.PYTHON;
    static final String[] AGENTS = {"exc-a", "exc-b", "exc-s", "web-exc-1", "web-exc-2", "exc-r"};
    static boolean posted;

    @Inject
    ExceptionService service;

    static String spawn(String agent, Instant t, String exe) {
        return MatureAgents.spawn(agent, t, exe);
    }

    static void post(String ndjson) {
        MatureAgents.post(ndjson);
    }

    @BeforeEach
    void agentsMatureThenDoSomethingNew() {
        if (posted) {
            return;
        }
        MatureAgents.post(T0, AGENTS, spawn("exc-a", DAY8, "/bin/bash") + spawn("web-exc-1", DAY8, "/usr/bin/ruby")
                + spawn("web-exc-2", DAY8, "/usr/bin/ruby"));
        posted = true;
    }

    static String alertOf(String agent) {
        return given().queryParam("agentId", agent).queryParam("status", "in-review").get("/alerts").then()
                .statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
    }

    /** An exception for one agent's behaviour, without an alert. */
    static Map<String, Object> forAgent(String agent, String exe, Duration expiresIn) {
        Map<String, Object> m = terms(expiresIn);
        m.put("scope", "agent");
        m.put("scopeValue", agent);
        m.put("behaviourKey", "lineage:" + PYTHON + " -> " + exe);
        return m;
    }

    static String create(Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/exceptions").then().statusCode(201)
                .extract().path("exception.id");
    }

    static Map<String, Object> terms(Duration expiresIn) {
        Map<String, Object> m = new HashMap<>();
        m.put("owner", "payments team");
        m.put("reason", "the report job shells out by design");
        m.put("ticket", "SEC-1234");
        m.put("expiresAt", Instant.now().plus(expiresIn).toString());
        return m;
    }

    @Test
    void createdListedEditedAndDeletedWithWhoAndWhy() {
        Map<String, Object> body = forAgent("exc-b", "/bin/zsh", Duration.ofDays(7));
        String id = given().contentType("application/json").body(body).post("/exceptions").then().statusCode(201)
                .body("exception.status", equalTo("active"))
                .body("exception.createdBy", equalTo("bootstrap admin"))
                .body("exception.revokeOnRedeploy", equalTo(true))
                .body("accepted", equalTo(null))
                .extract().path("exception.id");
        given().get("/exceptions").then().statusCode(200).body("id", hasItem(id));
        given().get("/exceptions/" + id).then().statusCode(200).body("ticket", equalTo("SEC-1234"));
        given().contentType("application/json").body(Map.of("ticket", "SEC-1300")).put("/exceptions/" + id).then()
                .statusCode(200).body("ticket", equalTo("SEC-1300")).body("owner", equalTo("payments team"));
        given().queryParam("reason", "job retired").delete("/exceptions/" + id).then().statusCode(200)
                .body("status", equalTo("deleted")).body("endedBy", equalTo("bootstrap admin")).body("endedReason", equalTo("job retired"));
        given().get("/exceptions").then().body("id", not(hasItem(id)));
        given().queryParam("status", "deleted").get("/exceptions").then().body("id", hasItem(id));
        given().delete("/exceptions/" + id).then().statusCode(409).contentType("application/problem+json");
        given().get("/exceptions/no-such-id").then().statusCode(404);
    }

    @Test
    void ownerReasonTicketAndABoundedExpiryAreRequired() {
        Map<String, Object> body = terms(Duration.ofDays(400));
        body.remove("ticket");
        body.put("scope", "planet");
        body.put("scopeValue", "exc-b");
        body.put("behaviourKey", "lineage:x -> y");
        given().contentType("application/json").body(body).post("/exceptions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(java.util.List.of("scope", "ticket", "expiresAt")))
                .body("errors[2].reason", containsString("max-expiry"));
    }

    @Test
    void anAcceptedAlertBecomesAnExceptionScopedToItsAgentAndBehaviour() {
        String alert = alertOf("exc-a");
        Map<String, Object> body = terms(Duration.ofDays(30));
        body.put("alertId", alert);
        given().contentType("application/json").body(body).post("/exceptions").then().statusCode(201)
                .body("exception.scope", equalTo("agent"))
                .body("exception.scopeValue", equalTo("exc-a"))
                .body("exception.behaviourKey", equalTo("lineage:" + PYTHON + " -> /bin/bash"))
                .body("exception.sourceAlertId", equalTo(alert))
                .body("accepted.status", equalTo("accepted"))
                .body("accepted.history[0].reason", containsString("accepted as exception"));
        // accepting again is a move from a final state
        given().contentType("application/json").body(body).post("/exceptions").then().statusCode(409)
                .body("errors[0].currentStatus", equalTo("accepted"));
    }

    @Test
    void anExceptionSuppressesItsBehaviourOnItsAgentAndNothingNearIt() {
        String id = create(forAgent("exc-s", "/bin/tcsh", Duration.ofDays(30)));

        post(spawn("exc-s", DAY8.plus(Duration.ofMinutes(5)), "/bin/tcsh")        // covered
                + spawn("exc-b", DAY8.plus(Duration.ofMinutes(5)), "/bin/tcsh")   // another agent
                + spawn("exc-s", DAY8.plus(Duration.ofMinutes(5)), "/bin/dash")); // another behaviour
        given().queryParam("agentId", "exc-s").queryParam("status", "suppressed").get("/alerts").then()
                .body("items", hasSize(1))
                .body("items[0].behaviourKey", equalTo("lineage:" + PYTHON + " -> /bin/tcsh"))
                .body("items[0].enrichment.decision", equalTo("exception"))
                .body("items[0].enrichment.exceptionId", equalTo(id));
        given().queryParam("agentId", "exc-b").queryParam("status", "in-review").get("/alerts").then()
                .body("items.behaviourKey", hasItem("lineage:" + PYTHON + " -> /bin/tcsh"));
        given().queryParam("agentId", "exc-s").queryParam("status", "in-review").get("/alerts").then()
                .body("items.behaviourKey", equalTo(java.util.List.of("lineage:" + PYTHON + " -> /bin/dash")));
    }

    @Test
    void acceptingWithCloseMatchingClosesEveryAlertTheExceptionCovers() {
        String first = alertOf("web-exc-1");
        String second = alertOf("web-exc-2");
        Map<String, Object> body = terms(Duration.ofDays(30));
        body.put("alertId", first);
        body.put("scope", "group");
        body.put("scopeValue", "web");
        body.put("closeMatching", true);
        given().contentType("application/json").body(body).post("/exceptions").then().statusCode(201)
                .body("accepted.id", equalTo(first))
                .body("closed", hasSize(1))
                .body("closed[0].id", equalTo(second))
                .body("closed[0].status", equalTo("accepted"))
                .body("closed[0].resolution.reason", containsString("covered by exception"));
        given().get("/alerts/" + second).then().body("status", equalTo("accepted"));
    }

    @Test
    void aVerifiedDeploymentForItsScopeRevokesIt() {
        String id = create(forAgent("exc-r", "/usr/bin/awk", Duration.ofDays(30)));
        String record = "redeploy-" + UUID.randomUUID();
        String json = DeploymentTestKeys.record(record, DeploymentTestKeys.PIPELINE, "exc-r");
        given().contentType("application/json").header("X-Driftwatch-Signature", DeploymentTestKeys.hmac(json, AsTestAdmin.HMAC_KEY))
                .body(json.getBytes(StandardCharsets.UTF_8)).post("/deployments").then().statusCode(201);
        given().get("/exceptions/" + id).then().body("status", equalTo("revoked"))
                .body("endedBy", equalTo("deployment:" + record));

        post(spawn("exc-r", DAY8.plus(Duration.ofMinutes(5)), "/usr/bin/awk"));
        given().queryParam("agentId", "exc-r").queryParam("status", "in-review").get("/alerts").then()
                .body("items", hasSize(1));
        given().queryParam("agentId", "exc-r").queryParam("status", "suppressed").get("/alerts").then()
                .body("items", hasSize(0));
    }

    @Test
    void anExpiredExceptionIsRetired() {
        Map<String, Object> body = forAgent("exc-b", "/bin/ksh", Duration.ofMinutes(30));
        body.put("revokeOnRedeploy", false);
        String id = create(body);
        service.sweep(Instant.now().plus(Duration.ofHours(1)));
        given().get("/exceptions/" + id).then().body("status", equalTo("expired")).body("endedBy", equalTo("driftwatch"));
        given().get("/exceptions").then().body("id", not(hasItem(id)));
    }
}
