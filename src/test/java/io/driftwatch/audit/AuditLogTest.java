package io.driftwatch.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.driftwatch.Misbehaviour;
import io.driftwatch.change.DeploymentTestKeys;
import io.quarkus.test.junit.QuarkusTest;

/** The audit log: what is appended, the filters, and that an edited or deleted entry is named by verification. */
@QuarkusTest
class AuditLogTest {

    static boolean posted;

    @Inject
    DataSource db;
    @Inject
    AuditLog log;


    @BeforeEach
    void anAgentMisbehavesAndATokenComesAndGoes() {
        if (posted) {
            return;
        }
        given().contentType("application/x-ndjson") // the second bash is a recurrence: no entry of its own
                .body(Misbehaviour.routineThen("audit-a", "/bin/bash", "/bin/bash", "/bin/nc").getBytes(StandardCharsets.UTF_8))
                .post("/events").then().statusCode(200);
        String id = given().contentType("application/json").body(Map.of("name", "audit-temp", "roles", List.of("ingest")))
                .post("/tokens").then().statusCode(201).extract().path("id");
        given().delete("/tokens/" + id).then().statusCode(204);
        posted = true;
    }

    @Test
    void alertsAreEntriesOncePerAlertNotPerRecurrence() {
        List<String> alertIds = given().queryParam("agentId", "audit-a").get("/alerts").then().statusCode(200)
                .extract().path("items.id");
        assertEquals(2, alertIds.size());
        for (String id : alertIds) {
            // one entry when the alert opens, whatever its recurrences; its state changes are entries of their own
            given().queryParam("subject", "alert:" + id).get("/audit").then().statusCode(200)
                    .body("items.findAll { it.action != 'alert.status-changed' }", hasSize(1))
                    .body("items[0].action", org.hamcrest.Matchers.oneOf("alert.created", "alert.suppressed"))
                    .body("items[0].actor", equalTo("driftwatch"))
                    .body("items[0].details.agentId", equalTo("audit-a"))
                    .body("items[0].hash", notNullValue());
        }
    }

    @Test
    void filtersByActionPrefixActorTimeAndPageWithACursor() {
        given().queryParam("action", "token.").queryParam("actor", "bootstrap admin").get("/audit").then().statusCode(200)
                .body("items.action", hasItem("token.created")).body("items.action", hasItem("token.revoked"))
                .body("items.actor", everyItem(equalTo("bootstrap admin")));
        given().queryParam("action", "token.revoked").queryParam("actor", "nobody").get("/audit").then()
                .body("items", hasSize(0));
        given().queryParam("from", "2999-01-01T00:00:00Z").get("/audit").then().body("items", hasSize(0));
        given().queryParam("to", "2000-01-01T00:00:00Z").get("/audit").then().body("items", hasSize(0));
        given().queryParam("subject", "rule-version").get("/audit").then()
                .body("items[0].action", equalTo("rule.activated")).body("items[0].details.change", equalTo("startup"));
        Integer cursor = given().queryParam("limit", 2).get("/audit").then().body("items", hasSize(2))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/audit").then()
                .body("items[0].seq", equalTo(cursor + 1));
        given().queryParam("from", "yesterday").get("/audit").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anEditedEntryIsNamedByVerificationWithWhatWasExpectedAndFound() throws Exception {
        given().get("/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("entries", greaterThan(3)).body("firstBroken", nullValue());
        long seq = log.find(new AuditQuery(null, null, "token.created", null, null, null, 0, 1)).get(0).seq();
        String original = column("SELECT actor FROM audit_log WHERE seq = ?", seq);
        update("UPDATE audit_log SET actor = 'someone else' WHERE seq = ?", seq);
        try {
            given().get("/audit/verify").then().statusCode(200).body("intact", equalTo(false))
                    .body("firstBroken.kind", equalTo("CONTENT")).body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.found", equalTo(column("SELECT entry_hash FROM audit_log WHERE seq = ?", seq)))
                    .body("firstBroken.expected", org.hamcrest.Matchers.not(equalTo(
                            column("SELECT entry_hash FROM audit_log WHERE seq = ?", seq))));
        } finally {
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement("UPDATE audit_log SET actor = ? WHERE seq = ?")) {
                s.setString(1, original);
                s.setLong(2, seq);
                s.executeUpdate();
            }
        }
        given().get("/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void aDeletedEntryAndARewiredLinkAreNamed() throws Exception {
        AuditEntry saved = log.find(new AuditQuery(null, null, "token.created", null, null, null, 0, 1)).get(0); // not the newest
        long seq = saved.seq();
        try {
            update("DELETE FROM audit_log WHERE seq = ?", seq);
            AuditVerification v = log.verify(2); // small pages: the walk crosses page boundaries
            assertTrue(!v.intact());
            assertEquals(AuditBreak.Kind.MISSING, v.firstBroken().kind());
            assertEquals(seq, v.firstBroken().seq());
            insert(saved, "f".repeat(64));
            given().get("/audit/verify").then().body("firstBroken.kind", equalTo("LINK"))
                    .body("firstBroken.seq", equalTo((int) seq)).body("firstBroken.found", startsWith("ffff"));
        } finally {
            update("DELETE FROM audit_log WHERE seq = ?", seq);
            insert(saved, saved.prevHash());
        }
        assertTrue(log.verify(3).intact());
    }

    private void insert(AuditEntry e, String prevHash) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (seq, at, "
                + "actor, action, subject_type, subject_id, details, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.seq());
            s.setLong(2, e.at().toEpochMilli());
            s.setString(3, e.actor());
            s.setString(4, e.action());
            s.setString(5, e.subjectType());
            s.setString(6, e.subjectId());
            s.setString(7, e.details());
            s.setString(8, prevHash);
            s.setString(9, e.hash());
            s.executeUpdate();
        }
    }

    @Test
    void aBaselineAcceptanceAnApprovalAndADeploymentRecordAreEntriesWithTheirActors() {
        String bash = given().queryParam("agentId", "audit-a").get("/alerts").then().extract()
                .path("items.find { it.behaviourKey == 'lineage:/usr/bin/python3 -> /bin/bash' }.id");
        given().contentType("application/json").body(Map.of("alertId", bash, "reason", "the nightly job"))
                .post("/agents/audit-a/baseline/accept").then().statusCode(200);
        given().queryParam("action", "baseline.accepted").queryParam("subject", "agent:audit-a").get("/audit").then()
                .body("items", hasSize(1)).body("items[0].actor", equalTo("bootstrap admin"))
                .body("items[0].details.reason", equalTo("the nightly job"))
                .body("items[0].details.behaviours", hasItem("lineage:/usr/bin/python3 -> /bin/bash"));

        given().contentType("application/json").body("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"audit-ns\"}}")
                .queryParam("author", "alice").queryParam("reason", "CHG-7").put("/approved/audit-k8s/Namespace/audit-ns")
                .then().statusCode(200);
        given().queryParam("action", "approval.recorded").queryParam("actor", "alice").get("/audit").then()
                .body("items", hasSize(1)).body("items[0].subjectId", equalTo("audit-k8s/Namespace/audit-ns"))
                .body("items[0].details.reason", equalTo("CHG-7"));

        String record = "{\"id\":\"audit-run-1\",\"service\":\"audit-web\",\"workload\":\"Deployment/audit/web\","
                + "\"scope\":{\"agents\":[\"audit-deploy\"]},\"commit\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\","
                + "\"images\":[],\"pipeline\":{\"name\":\"audit-release\",\"runId\":\"audit-run-1\"},\"actor\":\"alice@example.com\","
                + "\"startedAt\":\"2026-09-01T10:00:00Z\",\"finishedAt\":\"2026-09-01T10:05:00Z\"}";
        byte[] body = record.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Driftwatch-Signature", DeploymentTestKeys.hmac(body, AsTestAdmin.HMAC_KEY))
                .body(body).post("/deployments").then().statusCode(201);
        given().queryParam("subject", "deployment:audit-run-1").get("/audit").then()
                .body("items", hasSize(1)).body("items[0].action", equalTo("deployment.recorded"))
                .body("items[0].actor", equalTo("pipeline:audit-release")).body("items[0].details.recordHash", notNullValue());
    }

    @Test
    void readingTheLogNeedsTheAnalystRole() {
        String ingest = AsTestAdmin.token("audit-ingest-only", "ingest");
        given().header("Authorization", "Bearer " + ingest).get("/audit").then().statusCode(403);
        String analyst = AsTestAdmin.token("audit-analyst", "analyst");
        given().header("Authorization", "Bearer " + analyst).get("/audit/verify").then().statusCode(200);
    }

    private String column(String sql, long seq) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void update(String sql, long seq) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, seq);
            s.execute();
        }
    }
}
