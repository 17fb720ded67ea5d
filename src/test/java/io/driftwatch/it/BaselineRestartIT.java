package io.driftwatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline learned before a crash is there after it: the packaged app learns an agent's week, checkpoints,
 * is killed with SIGKILL, restarts on the same database, and then still knows the agent — its profile is
 * intact and a new lineage on day 8 alerts (an agent it had forgotten would be back in learning mode).
 */
class BaselineRestartIT {

    static final Path SCENARIO = Path.of("testdata/scenarios/seed-python-spawns-bash/events.ndjson");

    @Test
    void aBaselineSurvivesAKill(@TempDir Path data) throws Exception {
        String[] lines = Files.readString(SCENARIO).split("\n");
        String week = Arrays.stream(lines, 0, lines.length - 1).collect(Collectors.joining("\n"));
        String bash = lines[lines.length - 1];

        try (PackagedApp app = new PackagedApp(data, "-Ddriftwatch.baseline.checkpoint-interval=1s")) {
            app.start();
            app.request().contentType("application/x-ndjson").body(week.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/events")
                    .then().statusCode(200).body("accepted", equalTo(lines.length - 1));
            app.request().get("/agents/seed-py-1/baseline").then().statusCode(200)
                    .body("mode", equalTo("detecting"));
            app.awaitLog("checkpointed"); // each checkpoint it writes is logged
            app.kill();

            app.start();
            app.request().get("/agents/seed-py-1/baseline").then().statusCode(200)
                    .body("mode", equalTo("detecting"))
                    .body("known.lineage.key", hasItem("/usr/bin/python3 -> /usr/bin/git"))
                    .body("known.destination.key", hasItem("github.com"));
            app.request().contentType("application/x-ndjson").body(bash.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/events")
                    .then().statusCode(200).body("detections", equalTo(1));
            app.request().queryParam("agentId", "seed-py-1").get("/alerts").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].behaviourKey", equalTo("lineage:/usr/bin/python3 -> /bin/bash"));
        }
    }
}
