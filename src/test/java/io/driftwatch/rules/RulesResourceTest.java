package io.driftwatch.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** Changing rules through the API: refused unless safe, compiling and passing every scenario; versioned; reversible. */
@QuarkusTest
@TestProfile(RulesTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesResourceTest {

    static final String SSH_RULE = """
            package rules.extra;
            import io.driftwatch.event.*;
            global Alerts alerts;

            rule "An agent opens SSH to a destination it never used"
                @severity("high")
                @description("First SSH connection from an agent to a destination outside its baseline")
                @mitre("T1021.004")
            when
                $n : Novelty(kind == BehaviourKind.DESTINATION, event.network().dstPort() == 22)
            then
                alerts.raise($n.getAgentId(), $n.getBehaviourKey()).because("first SSH to " + $n.getKey()).cite($n);
            end
            """;

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + RulesTestProfile.ADMIN);
    }

    static long activeVersion() {
        return given().get("/rules").then().statusCode(200).extract().jsonPath().getLong("activeVersion");
    }

    @Test
    @Order(1)
    void theActiveSetListsFilesAndRulesWithMetadata() {
        given().get("/rules").then().statusCode(200)
                .body("activeVersion", equalTo(1))
                .body("diskMatchesActive", equalTo(true))
                .body("files.path", hasItem("behaviour/process-lineage.drl"))
                .body("files.find { it.path == 'behaviour/process-lineage.drl' }.rules[0].severity", equalTo("high"))
                .body("files.find { it.path == 'behaviour/process-lineage.drl' }.rules[0].mitre", hasItem("T1059"));
        given().get("/rules/behaviour/modules.drl").then().statusCode(200).body(containsString("approved hash list"));
    }

    @Test
    @Order(2)
    void onlyTheAdminChangesRules() {
        given().header("Authorization", "").contentType("text/plain").body(SSH_RULE).put("/rules/extra/ssh.drl").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").contentType("text/plain").body(SSH_RULE)
                .put("/rules/extra/ssh.drl").then().statusCode(401);
        String analyst = io.driftwatch.AsTestAdmin.token("rules-analyst", "analyst");
        given().header("Authorization", "Bearer " + analyst).contentType("text/plain").body(SSH_RULE)
                .put("/rules/extra/ssh.drl").then().statusCode(403);
        given().header("Authorization", "Bearer " + analyst).get("/rules").then().statusCode(200);
        assertEquals(1, activeVersion());
    }

    @Test
    @Order(3)
    void aRuleThatDoesNotCompileIsRefusedWithFileLineAndRule() {
        admin().contentType("text/plain").body(SSH_RULE.replace("kind == BehaviourKind", "kind === BehaviourKind"))
                .put("/rules/extra/ssh.drl").then().statusCode(422)
                .body("errors[0].file", equalTo("rules/extra/ssh.drl"))
                .body("errors[0].line", equalTo(10))
                .body("errors[0].rule", equalTo("An agent opens SSH to a destination it never used"));
        assertEquals(1, activeVersion());
        assertFalse(Files.exists(RulesTestProfile.RULES.resolve("extra/ssh.drl")), "nothing written");
    }

    @Test
    @Order(4)
    void aRuleThatReachesOutsideTheSandboxIsRefused() {
        admin().contentType("text/plain").body(SSH_RULE.replace("alerts.raise(", "System.exit(0); alerts.raise("))
                .put("/rules/extra/ssh.drl").then().statusCode(422)
                .body("errors[0].file", equalTo("rules/extra/ssh.drl"))
                .body("errors[0].message", containsString("System"));
        assertEquals(1, activeVersion());
    }

    @Test
    @Order(5)
    void aChangeThatBreaksAScenarioIsRefusedAndTheRunningRulesStay() {
        String raised = given().get("/rules/behaviour/destinations.drl").then().extract().asString()
                .replace("* 3, 10)", "* 3, 20)");
        admin().contentType("text/plain").body(raised).put("/rules/behaviour/destinations.drl").then().statusCode(422)
                .body("errors.scenario", hasItem("destination-burst"))
                .body("errors.find { it.scenario == 'destination-burst' }.missing[0]", containsString("destination-burst"));
        assertEquals(1, activeVersion());
    }

    @Test
    @Order(6)
    void validateReportsWhatAChangeWouldAddAndRemoveWithoutActivatingIt() {
        String lowered = given().get("/rules/behaviour/destinations.drl").then().extract().asString()
                .replace("* 3, 10)", "* 3, 9)");
        admin().contentType("application/json").body(Map.of("files", Map.of("behaviour/destinations.drl", lowered)))
                .post("/rules/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("wouldHaveFired.scenarios.name", hasItem("destination-burst-near-miss"))
                .body("wouldHaveFired.scenarios.find { it.name == 'destination-burst-near-miss' }.added", hasSize(1));
        assertEquals(1, activeVersion());
    }

    @Test
    @Order(7)
    void aSafeNewRuleActivatesAtOnceIsWrittenThroughAndVersioned() throws Exception {
        long started = System.nanoTime();
        admin().contentType("text/plain").body(SSH_RULE).queryParam("author", "alice").queryParam("message", "watch SSH")
                .put("/rules/extra/ssh.drl").then().statusCode(200)
                .body("version", equalTo(2)).body("author", equalTo("alice")).body("scenariosPassed", greaterThan(10));
        System.out.printf("PUT to active, including compile and %s scenarios: %.0f ms%n", "all",
                (System.nanoTime() - started) / 1e6);
        assertEquals(SSH_RULE, Files.readString(RulesTestProfile.RULES.resolve("extra/ssh.drl")));
        given().get("/rules/versions").then().statusCode(200)
                .body("[0].version", equalTo(2)).body("[0].author", equalTo("alice")).body("[0].message", equalTo("watch SSH"))
                .body("[1].version", equalTo(1)).body("[1].author", equalTo("startup"));

        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        StringBuilder events = new StringBuilder();
        for (int h = 0; h < 8 * 24; h++) {
            events.append(outbound("rules-ssh-1", t0.plus(Duration.ofHours(h)), "140.82.112.3", 443));
        }
        events.append(outbound("rules-ssh-1", t0.plus(Duration.ofDays(8)), "203.0.113.22", 22));
        given().contentType("application/x-ndjson").body(events.toString().getBytes(StandardCharsets.UTF_8))
                .post("/events").then().statusCode(200).body("detections", equalTo(1));
        given().queryParam("agentId", "rules-ssh-1").get("/alerts").then()
                .body("items[0].rule", equalTo("An agent opens SSH to a destination it never used"));
    }

    @Test
    @Order(8)
    void rollbackRestoresAnEarlierVersionsFilesAsANewVersion() {
        admin().post("/rules/rollback/1").then().statusCode(200).body("version", equalTo(3))
                .body("message", equalTo("rollback to version 1"));
        assertFalse(Files.exists(RulesTestProfile.RULES.resolve("extra/ssh.drl")), "the rolled-back file is gone from disk");
        given().get("/rules/extra/ssh.drl").then().statusCode(404);
    }

    @Test
    @Order(9)
    void aFileEditedBehindTheServicesBackIsReportedUntilReloaded() throws Exception {
        Path extra = RulesTestProfile.RULES.resolve("extra/ssh.drl");
        Files.createDirectories(extra.getParent());
        Files.writeString(extra, SSH_RULE);
        given().get("/rules").then().body("diskMatchesActive", equalTo(false));
        admin().post("/rules/reload").then().statusCode(200).body("version", equalTo(4));
        given().get("/rules").then().body("diskMatchesActive", equalTo(true)).body("activeVersion", equalTo(4));
        admin().delete("/rules/extra/ssh.drl").then().statusCode(200).body("version", equalTo(5));
        assertTrue(Files.notExists(extra));
    }

    static String outbound(String agent, Instant t, String ip, int port) {
        return "{\"agentId\":\"" + agent + "\",\"time\":\"" + t + "\",\"type\":\"network\",\"network\":{\"direction\":"
                + "\"outbound\",\"protocol\":\"tcp\",\"dstIp\":\"" + ip + "\",\"dstPort\":" + port + "}}\n";
    }
}
