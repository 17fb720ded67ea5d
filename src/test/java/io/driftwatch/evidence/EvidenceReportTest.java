package io.driftwatch.evidence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The evidence report of a scenario: two testdata cases that raise one known alert each (the seed's python spawning
 * bash, an unknown libcrypto hash) make a period with two agents, their events, two high alerts in review, the
 * startup rule version, intact chains, and every control supported; the HTML page carries the chart and controls.
 */
@QuarkusTest
@TestProfile(EvidenceTestProfile.class)
class EvidenceReportTest {

    /** Covers the scenarios' October 2027 events and this run's governance actions (recorded now). */
    static final String FROM = "2026-11-01";
    static final String TO = "2027-12-01";
    static int accepted;

    @BeforeEach
    void twoScenariosRaiseTheirAlerts() throws Exception {
        if (accepted > 0) {
            return;
        }
        for (String scenario : new String[] {"seed-python-spawns-bash", "module-unknown-hash"}) {
            byte[] events = Files.readAllBytes(Path.of("testdata/scenarios", scenario, "events.ndjson"));
            accepted += given().contentType("application/x-ndjson").body(events).post("/events").then().statusCode(200)
                    .extract().<Integer>path("accepted");
        }
    }

    @Test
    void theJsonReportCountsCoverageDriftAndChangesAndMapsEveryControl() {
        given().queryParam("from", FROM).queryParam("to", TO).get("/evidence").then().statusCode(200)
                .contentType("application/json")
                .body("coverage.agents", equalTo(2))
                .body("coverage.events", equalTo(accepted))
                .body("coverage.perAgent.agentId", hasItems("seed-py-1", "module-1"))
                .body("checks.rulesLoaded", greaterThan(0))
                .body("checks.eventsEvaluated", equalTo(accepted))
                .body("drift.alerts", equalTo(2))
                .body("drift.byStatus.in-review", equalTo(2))
                .body("drift.bySeverity.high", equalTo(2))
                .body("drift.listed.agentId", hasItems("seed-py-1", "module-1"))
                .body("drift.perDay", hasSize(2))
                .body("exceptions.available", equalTo(true))
                .body("ruleChanges[0].details.change", equalTo("startup"))
                .body("integrity.auditLog.intact", equalTo(true))
                .body("integrity.deploymentChain.intact", equalTo(true))
                .body("controls", hasSize(9))
                .body("controls.id", hasItems("CC6.1", "CC7.1", "CC7.2", "CC8.1", "10.2", "10.3", "11.5", "164.312(b)",
                        "164.312(c)(1)"))
                .body("controls.status", everyItem(equalTo("supported")))
                .body("controls.find { it.id == '11.5' }.evidence[0]", containsString(accepted + " events from 2 agents"));
    }

    @Test
    void anExceptionInForceIsInTheReportAndItsCreationInTheAuditLog() {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("scope", "agent");
        body.put("scopeValue", "seed-py-1");
        body.put("behaviourKey", "lineage:/usr/bin/python3 -> /bin/sh");
        body.put("owner", "payments team");
        body.put("reason", "the report job shells out by design");
        body.put("ticket", "SEC-4711");
        body.put("expiresAt", java.time.Instant.now().plus(java.time.Duration.ofDays(7)).toString());
        String id = given().contentType("application/json").body(body).post("/exceptions").then().statusCode(201)
                .extract().path("exception.id");

        given().queryParam("from", FROM).queryParam("to", TO).get("/evidence").then().statusCode(200)
                .body("exceptions.inForce.id", hasItems(id))
                .body("exceptions.inForce.find { it.id == '" + id + "' }.ticket", equalTo("SEC-4711"));
        given().queryParam("from", FROM).queryParam("to", TO).queryParam("format", "html").get("/evidence").then()
                .statusCode(200).body(containsString("SEC-4711"));
        given().queryParam("action", "exception.").queryParam("subject", "exception:" + id).get("/audit").then()
                .statusCode(200).body("items.details.change", hasItems("created"));
        // a near miss: a period that ended before it was created does not list it
        given().queryParam("from", "2020-01-01").queryParam("to", "2020-02-01").get("/evidence").then()
                .body("exceptions.inForce", hasSize(0));
    }

    @Test
    void aPeriodWithoutEventsIsAReportWhoseControlsNeedAttention() {
        given().queryParam("from", "2020-01-01").queryParam("to", "2020-02-01").get("/evidence").then().statusCode(200)
                .body("coverage.events", equalTo(0)).body("drift.alerts", equalTo(0))
                .body("controls.find { it.id == 'CC7.2' }.status", equalTo("attention"));
    }

    @Test
    void theHtmlPageIsPrintableWithAnInlineChartAndTheControls() throws Exception {
        String html = given().header("Accept", "text/html").queryParam("from", FROM).queryParam("to", TO).get("/evidence")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        for (String expected : new String[] {"<svg", "Alerts over time by severity", "@media print", "CC6.1", "CC8.1",
                "10.3", "164.312(c)(1)", "seed-py-1", "module-1", "Exceptions in force", "Record integrity"}) {
            org.hamcrest.MatcherAssert.assertThat(html, containsString(expected));
        }
        Files.writeString(Path.of("target", "evidence-report.html"), html); // to look at: a browser, or print to PDF
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("<script")));
        org.hamcrest.MatcherAssert.assertThat(html, not(containsString("src=")));
        String viaFormat = given().queryParam("format", "html").queryParam("from", FROM).queryParam("to", TO)
                .get("/evidence").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(viaFormat, containsString("<svg"));
    }

    @Test
    void aBadPeriodIsNamed() {
        given().queryParam("from", "last week").get("/evidence").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("last week"));
        given().queryParam("from", "2027-02-01").queryParam("to", "2027-01-01").get("/evidence").then().statusCode(400);
        given().queryParam("format", "pdf").get("/evidence").then().statusCode(400);
    }
}
