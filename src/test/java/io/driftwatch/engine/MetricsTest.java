package io.driftwatch.engine;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The Prometheus metrics the README lists are served, without credentials, at /q/metrics. */
@QuarkusTest
class MetricsTest {

    @Test
    void theListedMetricsAreServed() {
        given().contentType("application/json")
                .body("{\"agentId\":\"metrics-1\",\"time\":\"2026-07-01T00:00:00Z\",\"type\":\"process\","
                        + "\"process\":{\"exe\":\"/bin/true\",\"parent\":{\"exe\":\"/sbin/init\"}}}")
                .post("/events").then().statusCode(200);
        given().contentType("application/json").body("{\"agentId\":\"\"}").post("/events").then().statusCode(400);
        var metrics = given().get("/q/metrics").then().statusCode(200);
        for (String name : new String[] {"driftwatch_events_accepted_total", "driftwatch_events_rejected_total",
                "driftwatch_shard_queued_events", "driftwatch_shard_processed_events", "driftwatch_shard_late_events",
                "driftwatch_shard_baseline_agents", "driftwatch_deployments_chain_accepted",
                "driftwatch_deployments_records"}) {
            metrics.body(containsString(name));
        }
    }
}
