package io.driftwatch.drift;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The approved directory is imported at start, with the file as the approver. */
@QuarkusTest
@TestProfile(ApprovedImportTest.WithApprovedFiles.class)
class ApprovedImportTest {

    public static class WithApprovedFiles implements QuarkusTestProfile {
        static final Path DIR = Path.of("target/approved-import-test");

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path agent = Files.createDirectories(DIR.resolve("import-cluster"));
                Files.writeString(agent.resolve("namespaces.yaml"), """
                        apiVersion: v1
                        kind: Namespace
                        metadata:
                          name: shop
                          labels: {pod-security.kubernetes.io/enforce: restricted}
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("driftwatch.drift.approved-dir", DIR.toString());
        }
    }

    @Test
    void importedObjectsAreApprovedByTheirFileAndJudgeChanges() {
        given().get("/approved/import-cluster/Namespace/shop").then().statusCode(200)
                .body("approved.approvedBy", equalTo("file:import-cluster/namespaces.yaml"))
                .body("history", hasSize(1));
        String record = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"import-1\",\"stage\":\"ResponseComplete\","
                + "\"verb\":\"update\",\"user\":{\"username\":\"mallory\"},\"objectRef\":{\"resource\":\"namespaces\",\"name\":\"shop\","
                + "\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2026-10-02T10:00:00Z\","
                + "\"responseObject\":{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\",\"labels\":"
                + "{\"pod-security.kubernetes.io/enforce\":\"privileged\"}}}}";
        given().contentType("application/json").body(record).post("/ingest/k8s-audit?cluster=import-cluster")
                .then().statusCode(200).body("detections", equalTo(1));
        given().queryParam("agentId", "import-cluster").get("/alerts").then().statusCode(200)
                .body("items[0].rule", equalTo("A namespace's pod-security level was lowered"))
                .body("items[0].evidence[0].approved", equalTo("restricted"))
                .body("items[0].evidence[0].observed", equalTo("privileged"));
    }
}
