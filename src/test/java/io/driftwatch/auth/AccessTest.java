package io.driftwatch.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Roles over the API: ingest tokens send events and read nothing; analyst tokens read and act on alerts but
 * change no rules; admin does everything; health and metrics are open; a revoked token stops at once; token
 * lists never show a secret.
 */
@QuarkusTest
class AccessTest {

    static final String EVENT = "{\"agentId\":\"access-1\",\"time\":\"2026-06-01T00:00:00Z\",\"type\":\"process\","
            + "\"process\":{\"exe\":\"/bin/true\",\"parent\":{\"exe\":\"/sbin/init\"}}}";

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", token == null ? "" : "Bearer " + token);
    }

    @Test
    void eachRoleMayDoItsPartOnly() {
        String ingest = AsTestAdmin.token("access-ingest", "ingest");
        String analyst = AsTestAdmin.token("access-analyst", "analyst");

        as(ingest).contentType("application/json").body(EVENT).post("/events").then().statusCode(200);
        as(ingest).get("/alerts").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("lacks the role analyst"));
        as(analyst).contentType("application/json").body(EVENT).post("/events").then().statusCode(403);
        as(analyst).get("/alerts").then().statusCode(200);
        as(analyst).contentType("application/json").body("{\"name\":\"x\",\"roles\":[\"admin\"]}").post("/tokens")
                .then().statusCode(403);
        as(null).get("/alerts").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        as("dw_not-a-token").get("/alerts").then().statusCode(401);
        as(null).get("/q/health/ready").then().statusCode(200);
        as(null).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void withIdentityProviderTokensOffAJwtIsJustAnUnknownToken() {
        as(TestIdentityProvider.token("alice", "admin")).get("/alerts").then().statusCode(401)
                .body("detail", containsString("unknown or revoked"));
    }

    @Test
    void aRevokedTokenStopsAtOnceAndNoSecretIsListed() {
        Tokens.Created created = given().contentType("application/json")
                .body("{\"name\":\"access-revoked\",\"roles\":[\"analyst\"]}").post("/tokens")
                .then().statusCode(201).extract().as(Tokens.Created.class);
        as(created.token()).get("/alerts").then().statusCode(200);
        given().get("/tokens").then().statusCode(200)
                .body("find { it.id == '" + created.id() + "' }.name", equalTo("access-revoked"))
                .body("find { it.id == '" + created.id() + "' }.roles", equalTo(java.util.List.of("analyst")))
                .body(not(containsString(created.token())));
        given().delete("/tokens/" + created.id()).then().statusCode(204);
        as(created.token()).get("/alerts").then().statusCode(401);
        given().delete("/tokens/" + created.id()).then().statusCode(404);
        given().contentType("application/json").body("{\"name\":\"x\",\"roles\":[\"root\"]}").post("/tokens")
                .then().statusCode(400).body("detail", containsString("unknown role 'root'"));
    }
}
