package io.driftwatch.drift;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The drift loop over the API: approve a Deployment, change it through the audit webhook, see the alert with
 * approved and observed side by side, change it back and see the alert resolve, approve a second drift from its
 * alert and see it accepted and the approval history grow.
 */
@QuarkusTest
class DriftApiTest {

    static final String CLUSTER = "drift-api";
    // before the scenarios' dates (2027), so this class never makes them look late
    static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
    static final String DIGEST = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    static String deployment(String image, boolean privileged) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},"
                + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"" + image + "\""
                + (privileged ? ",\"securityContext\":{\"privileged\":true}" : "") + "}]}}}}";
    }

    static String patch(int minute, String user, String object) {
        String t = T0.plusSeconds(60L * minute).toString();
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\"drift-api-"
                + minute + "\",\"stage\":\"ResponseComplete\",\"verb\":\"patch\",\"user\":{\"username\":\"" + user + "\"},"
                + "\"sourceIPs\":[\"203.0.113.9\"],\"objectRef\":{\"resource\":\"deployments\",\"namespace\":\"shop\","
                + "\"name\":\"web\",\"apiGroup\":\"apps\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},"
                + "\"responseObject\":" + object + ",\"requestReceivedTimestamp\":\"" + t + "\",\"stageTimestamp\":\"" + t + "\"}";
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-token");
    }

    static void audit(String record) {
        given().contentType("application/json").body(record.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/k8s-audit?cluster=" + CLUSTER).then().statusCode(200).body("accepted", equalTo(1));
    }

    static List<Map<String, Object>> alerts(String status) {
        return given().queryParam("agentId", CLUSTER).queryParam("status", status).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void driftIsRaisedResolvedByReversionAndAcceptedByApproval() {
        String path = "/approved/" + CLUSTER + "/Deployment/shop/web";
        admin().contentType("application/json").body(deployment("reg/web@" + DIGEST, false))
                .queryParam("author", "alice").queryParam("reason", "CHG-100 release 1.0")
                .put(path).then().statusCode(200).body("approved.approvedBy", equalTo("alice"));

        audit(patch(1, "mallory@example.com", deployment("reg/web:latest", false)));
        List<Map<String, Object>> open = alerts("open");
        org.junit.jupiter.api.Assertions.assertEquals(1, open.size());
        String imageAlert = (String) open.get(0).get("id");
        given().get("/alerts/" + imageAlert).then().statusCode(200)
                .body("rule", equalTo("A workload runs an image other than the approved one"))
                .body("summary", containsString("a tag where a digest is approved"))
                .body("evidence[0].approved", equalTo("reg/web@" + DIGEST))
                .body("evidence[0].observed", equalTo("reg/web:latest"))
                .body("evidence[0].actor", equalTo("mallory@example.com"));

        audit(patch(2, "bob@example.com", deployment("reg/web@" + DIGEST, false)));
        given().get("/alerts/" + imageAlert).then().statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolution.by", equalTo("bob@example.com"))
                .body("resolution.reason", equalTo("returned to the approved state"));

        audit(patch(3, "carol@example.com", deployment("reg/web@" + DIGEST, true)));
        String privileged = (String) alerts("open").get(0).get("id");
        admin().queryParam("author", "alice").queryParam("reason", "CHG-101 needs raw sockets")
                .post("/alerts/" + privileged + "/approve").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("accepted"))
                .body("[0].resolution.by", equalTo("alice"));

        given().get(path).then().statusCode(200)
                .body("approved.state.spec.template.spec.containers[0].securityContext.privileged", equalTo(true))
                .body("history", hasSize(2))
                .body("history[0].reason", containsString("CHG-101"))
                .body("history[1].reason", equalTo("CHG-100 release 1.0"));
        org.junit.jupiter.api.Assertions.assertEquals(0, alerts("open").size());
    }

    @Test
    void changingTheApprovedStateNeedsTheAdminTokenAnAuthorAndAReason() {
        String path = "/approved/" + CLUSTER + "/Namespace/shop";
        String ns = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}";
        given().header("Authorization", "").contentType("application/json").body(ns).queryParam("author", "a").queryParam("reason", "r")
                .put(path).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer nope").contentType("application/json").body(ns)
                .queryParam("author", "a").queryParam("reason", "r").put(path).then().statusCode(401);
        String ingest = io.driftwatch.AsTestAdmin.token("drift-ingest", "ingest");
        given().header("Authorization", "Bearer " + ingest).contentType("application/json").body(ns)
                .queryParam("author", "a").queryParam("reason", "r").put(path).then().statusCode(403);
        admin().contentType("application/json").body(ns).queryParam("author", "a").put(path).then().statusCode(400)
                .body("detail", containsString("reason"));
        admin().contentType("application/json").body(ns).queryParam("author", "a").queryParam("reason", "r")
                .put("/approved/" + CLUSTER + "/Namespace/other").then().statusCode(400)
                .body("detail", containsString("the path Namespace/other"));
        given().get("/approved/" + CLUSTER + "/Namespace/nothing-here").then().statusCode(404);
    }

    @Test
    void onlyDriftAlertsCanBeApproved() {
        admin().queryParam("author", "a").queryParam("reason", "r").post("/alerts/no-such-alert/approve")
                .then().statusCode(404);
    }
}
