package io.driftwatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged jar, built once, runs on PostgreSQL by configuration alone: the production profile with a JDBC URL.
 * Alerts and baselines land in PostgreSQL and survive a SIGKILL and restart.
 */
class PostgresPackagedIT {

    static final Path SCENARIO = Path.of("testdata/scenarios/seed-python-spawns-bash/events.ndjson");

    @Test
    void theSameJarRunsOnPostgres(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             PackagedApp app = new PackagedApp(data, "-Dquarkus.profile=production",
                     "-Dquarkus.datasource.postgresql.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                     "-Dquarkus.datasource.postgresql.username=postgres",
                     "-Ddriftwatch.baseline.checkpoint-interval=1s")) {
            app.start();
            app.request().contentType("application/x-ndjson")
                    .body(Files.readAllBytes(SCENARIO)).post("/events")
                    .then().statusCode(200).body("detections", equalTo(1));
            app.awaitLog("checkpointed");
            app.kill();

            app.start();
            app.request().queryParam("agentId", "seed-py-1").get("/alerts").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].behaviourKey", equalTo("lineage:/usr/bin/python3 -> /bin/bash"));
            app.request().get("/agents/seed-py-1/baseline").then().statusCode(200)
                    .body("mode", equalTo("detecting"));
            String log = Files.readString(data.resolve("app.log"), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(log.contains("Profile production activated"), "ran the production profile");
        }
    }
}
