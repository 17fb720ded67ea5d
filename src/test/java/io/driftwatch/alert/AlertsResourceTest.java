package io.driftwatch.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Listing, filtering and paging alerts; deduplication into one open alert with a count. */
@QuarkusTest
class AlertsResourceTest {

    // before the scenarios' dates (2027), so this class never makes them look late
    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static boolean posted;

    static String spawn(String agent, Instant t, String parent, String exe) {
        return "{\"agentId\":\"" + agent + "\",\"time\":\"" + t + "\",\"type\":\"process\","
                + "\"process\":{\"exe\":\"" + exe + "\",\"parent\":{\"exe\":\"" + parent + "\"}}}\n";
    }

    /** Once per class; not @BeforeAll, which runs before Quarkus points RestAssured at the test port. */
    @BeforeEach
    void twoAgentsMisbehave() {
        if (posted) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (int h = 0; h < 8 * 24; h++) {
            for (String agent : new String[] {"alerts-a", "alerts-b"}) {
                body.append(spawn(agent, T0.plus(Duration.ofHours(h)), "/usr/bin/python3", "/usr/bin/git"));
            }
        }
        Instant day8 = T0.plus(Duration.ofDays(8)).plus(Duration.ofHours(1));
        body.append(spawn("alerts-a", day8, "/usr/bin/python3", "/bin/bash"));
        body.append(spawn("alerts-a", day8.plusSeconds(90), "/usr/bin/python3", "/bin/bash"));
        body.append(spawn("alerts-a", day8.plusSeconds(120), "/usr/bin/python3", "/bin/nc"));
        body.append(spawn("alerts-b", day8.plusSeconds(180), "/usr/bin/python3", "/bin/sh"));
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/events").then().statusCode(200).body("detections", equalTo(4));
        posted = true;
    }

    @Test
    void aRecurringBehaviourIsOneOpenAlertWithACount() {
        given().queryParam("agentId", "alerts-a").queryParam("limit", 10).get("/alerts").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.find { it.behaviourKey == 'lineage:/usr/bin/python3 -> /bin/bash' }.count", equalTo(2))
                .body("items.find { it.behaviourKey == 'lineage:/usr/bin/python3 -> /bin/bash' }.summary",
                        containsString("Still unaccepted"))
                .body("items[0].evidence[0].event.type", equalTo("process"));
    }

    @Test
    void filtersCombineAndPagesFollowEachOther() {
        given().queryParam("agentId", "alerts-b").queryParam("severity", "high").queryParam("status", "in-review")
                .get("/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].behaviourKey", equalTo("lineage:/usr/bin/python3 -> /bin/sh"));
        given().queryParam("agentId", "alerts-b").queryParam("severity", "low").get("/alerts").then()
                .body("items", hasSize(0));
        String first = given().queryParam("agentId", "alerts-a").queryParam("limit", 1).get("/alerts").then()
                .body("items", hasSize(1)).body("nextOffset", equalTo(1)).extract().path("items[0].id");
        given().queryParam("agentId", "alerts-a").queryParam("limit", 1).queryParam("offset", 1).get("/alerts").then()
                .body("items", hasSize(1)).body("items[0].id", org.hamcrest.Matchers.not(equalTo(first)));
        given().queryParam("agentId", "alerts-a").queryParam("limit", 10).get("/alerts").then()
                .body("nextOffset", nullValue());
        given().get("/alerts/" + first).then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void sinceSelectsRecentlyUpdatedAlertsAndABadValueIsNamed() {
        given().queryParam("agentId", "alerts-a").queryParam("since", "2999-01-01T00:00:00Z").get("/alerts").then()
                .statusCode(200).body("items", hasSize(0));
        given().queryParam("since", "last tuesday").get("/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("last tuesday"));
        given().queryParam("limit", 0).get("/alerts").then().statusCode(400).body("detail", containsString("limit"));
    }
}
