package io.driftwatch.change;

import static io.driftwatch.change.DeploymentTestKeys.PIPELINE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Deployment records over the API: signed records are stored, listed and given to the engine; unsigned and
 * wrongly signed ones are refused; a record edited in the database breaks the chain (integrity alert, no
 * facts) until an admin acknowledges the break.
 */
@QuarkusTest
@TestProfile(DeploymentTestProfile.class)
class DeploymentApiTest {

    @Inject
    DataSource db;

    @Inject
    DeploymentRecords records;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static ValidatableResponse post(String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(RecordSignatures.HEADER, signature);
        }
        return request.post("/deployments").then();
    }

    @Test
    void signedRecordsAreStoredListedReadAndGivenToTheEngine() {
        String id = unique("hmac");
        String body = DeploymentTestKeys.record(id, PIPELINE, "web-1");
        post(body, DeploymentTestKeys.hmac(body)).statusCode(201)
                .header("Location", containsString("/deployments/" + id))
                .body("id", equalTo(id))
                .body("verified", equalTo(true))
                .body("signatureScheme", equalTo("hmac-sha256"))
                .body("record.service", equalTo("shop-web"))
                .body("record.images[0].digest", startsWith("sha256:4f1c0ee5"))
                .body("record.finishedAt", equalTo("2026-11-20T10:04:00Z"));

        String edId = unique("ed");
        String edBody = DeploymentTestKeys.record(edId, PIPELINE, "web-2");
        int seq = post(edBody, DeploymentTestKeys.ed25519(edBody)).statusCode(201)
                .body("signatureScheme", equalTo("ed25519")).extract().path("seq");

        given().get("/deployments/" + edId).then().statusCode(200)
                .body("seq", equalTo(seq))
                .body("id", equalTo(edId))
                .body("verified", equalTo(true))
                .body("record.scope.agents[0]", equalTo("web-2"))
                .body("record.pipeline.runId", equalTo("4711"));
        given().get("/deployments?limit=2").then().statusCode(200)
                .body("items[0].id", equalTo(edId))
                .body("items[1].id", equalTo(id))
                .body("limit", equalTo(2));
        given().get("/deployments/no-such-record").then().statusCode(404).contentType("application/problem+json");
        given().get("/deployments?limit=0").then().statusCode(400);

        // the same id again, and the same id-less body again, are the same record
        post(body, DeploymentTestKeys.hmac(body)).statusCode(409);
        String noId = DeploymentTestKeys.record(null, PIPELINE, unique("agent"));
        String derived = post(noId, DeploymentTestKeys.hmac(noId)).statusCode(201).extract().path("id");
        UUID.fromString(derived);
        post(noId, DeploymentTestKeys.hmac(noId)).statusCode(409).body("detail", containsString("derived from its body"));

        if (records.lastVerification().accepted()) {
            assertTrue(records.deployments().stream().anyMatch(d -> d.id().equals(edId) && d.agents().contains("web-2")));
        }
    }

    @Test
    void unsignedAndWronglySignedRecordsAreRefused() {
        String id = unique("refused");
        String body = DeploymentTestKeys.record(id, PIPELINE, "web-1");
        post(body, null).statusCode(401).contentType("application/problem+json")
                .body("detail", startsWith("unsigned deployment record: "));
        post(body, DeploymentTestKeys.hmac(body, "not-the-key")).statusCode(403)
                .body("detail", containsString("does not match the body"));
        post(body.replace("alice", "mallory"), DeploymentTestKeys.ed25519(body)).statusCode(403)
                .body("detail", containsString("does not verify with the key of pipeline"));
        String other = DeploymentTestKeys.record(id, "other-pipeline", "web-1");
        post(other, DeploymentTestKeys.ed25519(other)).statusCode(403)
                .body("detail", containsString("no Ed25519 key is configured for pipeline 'other-pipeline'"));
        given().get("/deployments/" + id).then().statusCode(404);

        // signed, but not a valid record: every problem at once
        String invalid = "{\"service\": \"s\", \"scope\": {}, \"images\": [], \"pipeline\": {\"name\": \"p\"}, "
                + "\"startedAt\": \"2026-11-20T10:00:00Z\", \"finishedAt\": \"2026-11-20T09:00:00Z\"}";
        post(invalid, DeploymentTestKeys.hmac(invalid)).statusCode(400)
                .body("errors.field", equalTo(List.of("scope", "actor", "finishedAt")));
    }

    @Test
    void aRecordEditedInTheDatabaseBreaksTheChainUntilAnAdminAcknowledges() throws Exception {
        String id = unique("edited");
        String body = DeploymentTestKeys.record(id, PIPELINE, "web-1");
        int seq = post(body, DeploymentTestKeys.hmac(body)).statusCode(201).extract().path("seq");

        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE deployment_record SET body = ? WHERE id = ?")) {
            s.setString(1, body.replace("\"web-1\"", "\"db-1\""));
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }

        given().get("/deployments/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("accepted", equalTo(false))
                .body("firstBroken.seq", equalTo(seq))
                .body("firstBroken.id", equalTo(id))
                .body("firstBroken.kind", equalTo("CONTENT"))
                .body("firstBroken.reason", equalTo("record " + seq + " (id " + id
                        + "): stored hash does not match its content (edited in the database)"));
        assertTrue(records.deployments().isEmpty(), "no facts while the chain is broken");
        given().get("/deployments/" + id).then().statusCode(200).body("verified", equalTo(false))
                .body("problem", containsString("edited in the database"));

        List<Map<String, Object>> alerts = given().queryParam("agentId", DeploymentRecords.AGENT).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> alert = alerts.stream()
                .filter(a -> ("deployment-chain:" + seq).equals(a.get("behaviourKey"))).findFirst().orElseThrow();
        assertEquals("The deployment record chain is broken", alert.get("rule"));
        assertEquals("high", alert.get("severity"));
        assertEquals("open", alert.get("status"));
        assertEquals(List.of("T1565.001"), alert.get("mitre"));
        assertTrue(((String) alert.get("summary")).contains("edited in the database"));
        assertTrue(((String) alert.get("description")).contains("until an admin acknowledges"));

        // a new record is still appended (the evidence grows) but explains nothing
        String later = DeploymentTestKeys.record(unique("later"), PIPELINE, "web-3");
        post(later, DeploymentTestKeys.hmac(later)).statusCode(201);
        assertTrue(records.deployments().isEmpty());

        given().header("Authorization", "").queryParam("author", "alice").queryParam("reason", "r")
                .post("/deployments/verify/acknowledge").then().statusCode(401);
        given().header("Authorization", "Bearer test-admin-token").queryParam("author", "alice")
                .post("/deployments/verify/acknowledge").then().statusCode(400);
        given().header("Authorization", "Bearer test-admin-token").queryParam("author", "alice")
                .queryParam("reason", "INC-42: edit was a DBA test; record restored from CI")
                .post("/deployments/verify/acknowledge").then().statusCode(200)
                .body("acknowledged.seq", hasItem(seq))
                .body("acknowledged[0].author", equalTo("alice"))
                .body("verification.accepted", equalTo(true));

        String verified = given().get("/deployments/verify").then().statusCode(200)
                .body("accepted", equalTo(true))
                .body("firstBroken.seq", equalTo(seq))
                .body("firstBroken.acknowledged", equalTo(true))
                .extract().asString();
        assertFalse(verified.isEmpty());
        given().get("/alerts/" + alert.get("id")).then().statusCode(200)
                .body("status", equalTo("accepted"))
                .body("resolution.by", equalTo("alice"));
        assertFalse(records.deployments().isEmpty(), "suppression is back");
        assertTrue(records.deployments().stream().noneMatch(d -> d.id().equals(id)), "the edited record is no fact");
        given().header("Authorization", "Bearer test-admin-token").queryParam("author", "alice").queryParam("reason", "again")
                .post("/deployments/verify/acknowledge").then().statusCode(409);
    }

    @Test
    void anIntactAnswerSaysFirstBrokenIsNullRatherThanLeavingItOut() throws Exception {
        String json = this.json.writeValueAsString(new ChainVerification(true, true, 0, null, List.of(),
                java.time.Instant.parse("2026-11-20T10:00:00Z")));
        assertTrue(json.contains("\"firstBroken\":null"), json);
    }
}
