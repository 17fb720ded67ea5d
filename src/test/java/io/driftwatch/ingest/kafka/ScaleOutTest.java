package io.driftwatch.ingest.kafka;

import static io.driftwatch.ingest.kafka.KafkaIntakeTest.eventually;
import static io.driftwatch.ingest.kafka.KafkaIntakeTest.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.change.DeploymentStore;
import io.driftwatch.change.DeploymentTestKeys;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.kafka.KafkaBrokerResource;
import io.driftwatch.rules.RuleManager;
import io.driftwatch.rules.RuleVersion;
import io.driftwatch.rules.RuleVersionStore;
import io.driftwatch.store.EmbeddedPostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One instance in scale-out mode, on PostgreSQL and a real broker: what it shares with other instances goes
 * through Kafka and the database. (Two instances handing agents over are in {@code ScaleOutIT}.)
 */
@QuarkusTest
@TestProfile(ScaleOutTest.Profile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = KafkaBrokerResource.TOPICS,
        value = "driftwatch.events:4, driftwatch.k8s-audit:4, driftwatch.cloudtrail:4, driftwatch.deployments:4, "
                + "driftwatch.dead-letter, driftwatch.alerts"))
class ScaleOutTest {

    static final Path SEED = Path.of("testdata/scenarios/seed-python-spawns-bash/events.ndjson");
    static final Path RULES = Path.of("target", "rules-under-scale-out-test").toAbsolutePath();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            io.driftwatch.TestFiles.copyShippedRules(RULES);
            Map<String, String> c = new HashMap<>(new KafkaTestProfile().getConfigOverrides());
            c.put("driftwatch.kafka.scale-out.enabled", "true");
            c.put("driftwatch.kafka.scale-out.follow-interval", "1h"); // the tests call the follower themselves
            c.put("driftwatch.kafka.group-id", "driftwatch-scale-out-test");
            c.put("driftwatch.rules.dir", RULES.toString());
            return c;
        }
    }

    @Inject
    AlertStore alerts;

    @Inject
    EngineLifecycle lifecycle;

    @Inject
    RuleManager rules;

    @Inject
    RuleVersionStore versions;

    @Inject
    DeploymentStore deploymentStore;

    @Inject
    DeploymentRecords deploymentRecords;

    @Inject
    FollowOtherInstances follower;

    @Inject
    Clock clock;

    @Test
    void eventsPostedOverRestGoThroughTheEventsTopicToTheInstanceHoldingTheAgent() throws Exception {
        byte[] body = Files.readString(SEED).replace("seed-py-1", "forwarded-py").getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", "Bearer test-admin-token").contentType("application/x-ndjson").body(body)
                .post("/events").then().statusCode(200)
                .body("accepted", equalTo(956))
                .body("forwarded", equalTo(956))
                .body("detections", equalTo(0)); // judged where the agent is held, after the broker has them
        eventually(() -> !alerts.find(query("forwarded-py")).isEmpty(), "the seed alert, read back from Kafka");
        Alert a = alerts.find(query("forwarded-py")).get(0);
        assertEquals("lineage:/usr/bin/python3 -> /bin/bash", a.behaviourKey());
        assertEquals(1, a.count());
    }

    @Test
    void aRuleVersionAnotherInstanceActivatedIsActivatedHere() {
        follower.follow();
        long running = lifecycle.engine().rules().version();
        assertEquals(Optional.empty(), rules.follow(), "nothing newer recorded: nothing to follow");

        SortedMap<String, String> files = new TreeMap<>(rules.activeFiles());
        files.put("behaviour/from-another-instance.drl", """
                package rules.behaviour;
                import io.driftwatch.event.Novelty;
                rule "Written on another instance"
                    @severity("low")
                    @description("A rule added through another instance's API.")
                when
                    $n : Novelty(key == "never-seen-anywhere")
                then
                end
                """);
        versions.save(new RuleVersion(running + 1, "recorded-elsewhere", "alice@other-instance",
                clock.instant(), "added on another instance"), files);

        follower.follow();
        assertEquals(running + 1, lifecycle.engine().rules().version(), "the newer version runs here too");
        assertTrue(lifecycle.engine().rules().compiled().rules().stream()
                .anyMatch(r -> r.name().equals("Written on another instance")));
        assertTrue(Files.exists(RULES.resolve("behaviour/from-another-instance.drl")), "written through to rules/");
    }

    @Test
    void aDeploymentRecordAnotherInstanceStoredReachesThisEngine() {
        follower.follow();
        int before = deploymentRecords.deployments().size();
        String record = DeploymentTestKeys.record("other-instance-4711", DeploymentTestKeys.PIPELINE, "scale-web");
        deploymentStore.append("other-instance-4711", record, DeploymentTestKeys.hmac(record), clock.instant());
        assertEquals(before, deploymentRecords.deployments().size(), "not yet seen here");

        follower.follow();
        assertEquals(before + 1, deploymentRecords.deployments().size(), "read from the shared chain");
    }
}
