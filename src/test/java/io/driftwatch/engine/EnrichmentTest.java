package io.driftwatch.engine;

import static io.driftwatch.engine.TestEvents.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.Detection;
import io.driftwatch.alert.DetectionListener;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.event.Deployment;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/**
 * rules/enrichment/deployments.drl through the engine: a release's declared behaviour is suppressed and learned,
 * undeclared behaviour from the released image is tagged and downgraded, an attack inside the release window
 * still alerts, and configuration a release declares is approved while what it does not declare is escalated.
 */
class EnrichmentTest {

    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1));
    static final String PYTHON = "/usr/bin/python3";
    static final String OLD_IMAGE = "sha256:" + sha(1);
    static final String NEW_IMAGE = "sha256:" + sha(2);
    static final String LINEAGE = "A process starts from a parent neither the baseline nor an allowlist knows";
    static final String MODULE = "A module hash loads that neither the approved hash list nor the baseline knows";

    static RuleSet rules;
    final List<Detection> detections = new CopyOnWriteArrayList<>();
    final List<AlertClosure> closures = new CopyOnWriteArrayList<>();
    final ApprovedConfig approved = new ApprovedConfig();
    Engine engine;

    @BeforeAll
    static void compile() {
        rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 1);
    }

    @BeforeEach
    void start() {
        DetectionListener listener = new DetectionListener() {
            @Override
            public void onDetections(List<Detection> d) {
                detections.addAll(d);
            }

            @Override
            public void onClosures(List<AlertClosure> c) {
                closures.addAll(c);
            }
        };
        engine = new Engine(new EngineSettings(2, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 10_000),
                BaselineSettings.defaults(), rules, listener, approved, ApprovalStore.NONE);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    static Event.Container container(String digest) {
        return new Event.Container("c1", "registry.example/shop/web", digest);
    }

    static Event spawn(String agent, Instant t, String parent, String exe, String digest) {
        return new Event(null, agent, t, EventType.PROCESS, new Event.Process(exe, List.of(), 100L, "app",
                new Event.Parent(parent, 1L), List.of(parent)), container(digest), null, null, null, null, null);
    }

    static Event load(String agent, Instant t, String sha, String digest) {
        return new Event(null, agent, t, EventType.MODULE, new Event.Process(PYTHON, null, null, null, null, null),
                container(digest), null, new Event.Module("/usr/lib/lib" + sha.substring(0, 4) + ".so", sha), null, null, null);
    }

    /** A week of the same few behaviours, so the agent is mature on day 8. */
    void week(String agent) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 7 * 24 + 1; h++) {
            Instant t = T0.plus(Duration.ofHours(h));
            events.add(spawn(agent, t, "/usr/bin/containerd-shim", PYTHON, OLD_IMAGE));
            events.add(load(agent, t.plusSeconds(1), sha(100), OLD_IMAGE));
        }
        engine.submit(events, 1000).join();
    }

    static Deployment release(String agent, Instant finished, Set<String> lineages, Set<String> modules,
                              Set<String> configObjects, String cluster) {
        return new Deployment("rel-1", "shop-web", Set.of(agent), Set.of(), cluster, null, null, Set.of(NEW_IMAGE),
                lineages, modules, Set.of(), configObjects, "9fceb02", "4711", "alice",
                finished.minus(Duration.ofMinutes(5)).toEpochMilli(), finished.toEpochMilli(), Deployment.DEFAULT_WINDOW_MILLIS);
    }

    Detection only(String rule, String agent) {
        List<Detection> found = detections.stream().filter(d -> d.rule().equals(rule) && d.agentId().equals(agent)).toList();
        assertEquals(1, found.size(), () -> rule + " on " + agent + ": " + detections);
        return found.get(0);
    }

    @Test
    void aReleaseThatDeclaresItsNewModuleAndLineageIsSuppressedAndLearned() {
        week("web-1");
        engine.useDeployments(List.of(release("web-1", DAY8, Set.of(PYTHON + " -> /usr/bin/gunicorn"), Set.of(sha(200)),
                Set.of(), null)));
        engine.submit(List.of(spawn("web-1", DAY8.plusSeconds(60), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE),
                load("web-1", DAY8.plusSeconds(61), sha(200), NEW_IMAGE)), 1000).join();

        assertEquals("suppress", only(LINEAGE, "web-1").enrichment().decision());
        assertEquals("suppressed", only(MODULE, "web-1").status());
        assertEquals("rel-1", only(MODULE, "web-1").enrichment().deploymentId());

        detections.clear();
        engine.submit(List.of(spawn("web-1", DAY8.plusSeconds(7200), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE)), 1000).join();
        assertTrue(detections.isEmpty(), "what a deployment explains is learned into the baseline: " + detections);
    }

    @Test
    void theSameBehaviourWithoutARecordGoesToReview() {
        week("web-2");
        engine.submit(List.of(spawn("web-2", DAY8.plusSeconds(60), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE)), 1000).join();
        Detection d = only(LINEAGE, "web-2");
        assertEquals("in-review", d.status());
        assertEquals("no verified deployment explains it", d.enrichment().reason());
        assertEquals("high", d.severity());
    }

    @Test
    void undeclaredBehaviourFromTheReleasedImageIsTaggedAndDowngraded() {
        week("web-3");
        engine.useDeployments(List.of(release("web-3", DAY8, Set.of(), Set.of(), Set.of(), null)));
        engine.submit(List.of(spawn("web-3", DAY8.plusSeconds(60), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE)), 1000).join();
        Detection d = only(LINEAGE, "web-3");
        assertEquals("open", d.status());
        assertEquals("medium", d.severity(), "one step below the rule's high");
        assertEquals(List.of("explained by deployment rel-1"), d.enrichment().tags());
    }

    @Test
    void anAttackInsideTheReleaseWindowStillAlerts() {
        week("web-4");
        engine.useDeployments(List.of(release("web-4", DAY8, Set.of(), Set.of(sha(200)), Set.of(), null)));
        engine.submit(List.of(
                spawn("web-4", DAY8.plusSeconds(60), PYTHON, "/bin/bash", OLD_IMAGE),   // the image did not change
                load("web-4", DAY8.plusSeconds(61), sha(666), NEW_IMAGE)), 1000).join(); // not in the declared set
        assertEquals("in-review", only(LINEAGE, "web-4").status());
        assertEquals("in-review", only(MODULE, "web-4").status());
    }

    @Test
    void aReleaseLongFinishedExplainsNothing() {
        week("web-5");
        engine.useDeployments(List.of(release("web-5", DAY8.minus(Duration.ofMinutes(31)),
                Set.of(PYTHON + " -> /usr/bin/gunicorn"), Set.of(), Set.of(), null)));
        engine.submit(List.of(spawn("web-5", DAY8.plusSeconds(60), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE)), 1000).join();
        assertEquals("in-review", only(LINEAGE, "web-5").status());
    }

    @Test
    void aDeclaredConfigurationChangeIsApprovedAndAnUndeclaredOneEscalated() {
        Map<String, Object> service = Map.of("spec", Map.of("type", "LoadBalancer", "ports", List.of(Map.of("port", 443))));
        engine.useDeployments(List.of(release("none", DAY8, Set.of(), Set.of(), Set.of("Service/shop/web"), "prod")));
        engine.submit(List.of(config("prod", DAY8.plusSeconds(30), "Service", "shop/web", "shop", "web", service),
                config("prod", DAY8.plusSeconds(40), "ClusterRoleBinding", "tmp-admin", null, "tmp-admin",
                        Map.of("roleRef", Map.of("kind", "ClusterRole", "name", "cluster-admin"),
                                "subjects", List.of(Map.of("kind", "User", "name", "mallory"))))), 1000).join();

        Detection exposed = only("A Service is exposed outside the cluster without approval", "prod");
        assertEquals("suppressed", exposed.status());
        assertTrue(exposed.enrichment().approved());
        ApprovedConfig.Approval approval = approved.get("prod", new ConfigObject.ObjectKey("Service", "shop/web"));
        assertNotNull(approval, "the declared change became the approved state");
        assertEquals("deployment:rel-1", approval.approvedBy());

        Detection admin = only("A subject is granted cluster-admin, admin or a wildcard role outside the approved RBAC", "prod");
        assertEquals("open", admin.status());
        assertEquals("escalate", admin.enrichment().decision());
        assertNull(approved.get("prod", new ConfigObject.ObjectKey("ClusterRoleBinding", "tmp-admin")));
    }

    @Test
    void withoutDeploymentFactsNothingIsSuppressed() {
        week("web-6");
        engine.useDeployments(List.of(release("web-6", DAY8, Set.of(PYTHON + " -> /usr/bin/gunicorn"), Set.of(), Set.of(), null)));
        engine.useDeployments(List.of()); // what the chain does when it breaks
        engine.submit(List.of(spawn("web-6", DAY8.plusSeconds(60), PYTHON, "/usr/bin/gunicorn", NEW_IMAGE)), 1000).join();
        assertEquals("in-review", only(LINEAGE, "web-6").status());
    }

    static Event config(String agent, Instant t, String kind, String id, String ns, String name, Map<String, Object> after) {
        return new Event(null, agent, t, EventType.CONFIG, null, null, null, null, null, null,
                new Event.Config(kind, id, "create", null, after, "ci-bot", ns, name));
    }
}
