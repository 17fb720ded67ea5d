package io.driftwatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The Kubernetes audit and CloudTrail endpoints, with the fixtures under testdata/formats. */
@QuarkusTest
class FeedsResourceTest {

    static final Path FORMATS = Path.of("testdata/formats");

    static byte[] fixture(String path) throws IOException {
        return Files.readAllBytes(FORMATS.resolve(path));
    }

    @Test
    void aClusterNamedInThePathIsTheAgentAsWithTheQuery() throws IOException {
        // the API server's webhook cannot send a query string: several clusters name themselves in the path
        given().contentType("application/json").body(fixture("k8s-audit/webhook-eventlist.json"))
                .post("/ingest/k8s-audit/feeds-k8s-path").then().statusCode(200).body("accepted", greaterThan(5));
        given().queryParam("agentId", "feeds-k8s-path").get("/alerts").then().statusCode(200)
                .body("items.rule", hasItem("A subject is granted cluster-admin, admin or a wildcard role outside the approved RBAC"));
    }

    @Test
    void anAuditWebhookBatchIsMappedAndJudged() throws IOException {
        given().contentType("application/json").body(fixture("k8s-audit/webhook-eventlist.json"))
                .post("/ingest/k8s-audit?cluster=feeds-k8s").then().statusCode(200)
                .body("accepted", greaterThan(5)).body("rejected", empty())
                .body("ignored", hasSize(1)).body("ignored[0].reason", org.hamcrest.Matchers.containsString("RequestReceived"));
        given().queryParam("agentId", "feeds-k8s").get("/alerts").then().statusCode(200)
                .body("items.rule", hasItem("A subject is granted cluster-admin, admin or a wildcard role outside the approved RBAC"));
    }

    @Test
    void aBadAuditRecordIsRejectedWithLineFieldAndReasonAndTheRestProcessed() {
        String good = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"feeds-1\",\"stage\":\"ResponseComplete\","
                + "\"verb\":\"get\",\"user\":{\"username\":\"jane\"},\"sourceIPs\":[\"10.0.0.1\"],"
                + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"shop\",\"name\":\"db\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2026-03-02T11:00:00Z\"}";
        String noVerb = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"user\":{\"username\":\"x\"},"
                + "\"stageTimestamp\":\"2026-03-02T11:00:01Z\"}";
        given().contentType("application/x-ndjson").body((good + "\n\n" + noVerb + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/ingest/k8s-audit?cluster=feeds-k8s-bad").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1)).body("rejected[0].line", equalTo(3))
                .body("rejected[0].field", equalTo("verb")).body("rejected[0].reason", notNullValue());
        given().contentType("application/x-ndjson").body((noVerb + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/ingest/k8s-audit?cluster=feeds-k8s-bad").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("verb"));
    }

    @Test
    void aCloudTrailLogFileOpensDriftOnTheAccount() throws IOException {
        given().contentType("application/json").body(fixture("cloudtrail/log-file.json"))
                .post("/ingest/cloudtrail").then().statusCode(200)
                .body("accepted", greaterThan(15)).body("rejected", empty());
        given().queryParam("agentId", "aws-111122223333").queryParam("limit", 100).get("/alerts").then().statusCode(200)
                .body("items.rule", hasItem("A firewall rule opens an admin port to the internet"))
                .body("items.rule", hasItem("Audit logging was stopped, deleted or narrowed"));
    }

    @Test
    void aRecordNobodyCanReadIsA400AndAnOverlongLineA413() {
        given().contentType("application/x-ndjson").body("{\"Records\": 3}\n".getBytes(StandardCharsets.UTF_8))
                .post("/ingest/cloudtrail").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].index", equalTo(0));
        byte[] longLine = ("{\"eventName\":\"" + "x".repeat(70_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/x-ndjson").body(longLine).post("/ingest/cloudtrail").then().statusCode(413);
        given().contentType("application/json").body(new byte[0]).post("/ingest/k8s-audit").then().statusCode(400);
    }
}
