package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.driftwatch.alert.Detection;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.ExceptionEntry;
import io.driftwatch.event.ExceptionEntry.Scope;

/**
 * rules/enrichment/exceptions.drl through the engine: an active exception suppresses what it covers (agent, group,
 * workload, image) and nothing else; once it has expired, in event time, the behaviour alerts again.
 */
class ExceptionRulesTest {

    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant DAY8 = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1));
    static final String PYTHON = "/usr/bin/python3";
    static final String BASH = "lineage:" + PYTHON + " -> /bin/bash";
    static final String WEB_IMAGE = "sha256:" + TestEvents.sha(7);

    static RuleSet rules;
    final List<Detection> detections = new CopyOnWriteArrayList<>();
    Engine engine;

    @BeforeAll
    static void compile() {
        rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 1);
    }

    @BeforeEach
    void start() {
        engine = new Engine(new EngineSettings(2, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), 10_000),
                BaselineSettings.defaults(), rules, detections::addAll, new ApprovedConfig(), ApprovalStore.NONE);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    static Event spawn(String agent, Instant t, String exe, String image, String digest) {
        return new Event(null, agent, t, EventType.PROCESS, new Event.Process(exe, List.of(), 100L, "app",
                new Event.Parent(PYTHON, 1L), List.of(PYTHON)), new Event.Container("c1", image, digest), null, null,
                null, null, null);
    }

    void week(String... agents) {
        List<Event> events = new ArrayList<>();
        for (int h = 0; h < 7 * 24 + 1; h++) {
            for (String agent : agents) {
                events.add(spawn(agent, T0.plus(Duration.ofHours(h)), "/usr/bin/git", "shop/web:1.0", WEB_IMAGE));
            }
        }
        engine.submit(events, 1000).join();
        detections.clear();
    }

    static ExceptionEntry exception(String id, Scope scope, String value, String key, Instant expires) {
        return new ExceptionEntry(id, scope, value, key, null, expires.toEpochMilli(), "SEC-1");
    }

    Detection on(String agent, String key) {
        List<Detection> found = detections.stream().filter(d -> d.agentId().equals(agent) && d.behaviourKey().equals(key)).toList();
        assertEquals(1, found.size(), () -> agent + " " + key + ": " + detections);
        return found.get(0);
    }

    @Test
    void anAgentExceptionSuppressesItsBehaviourOnThatAgentOnly() {
        week("exc-1", "exc-2");
        engine.useExceptions(List.of(exception("x-1", Scope.AGENT, "exc-1", BASH, DAY8.plus(Duration.ofDays(1)))));
        engine.submit(List.of(spawn("exc-1", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE),
                spawn("exc-2", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE),
                spawn("exc-1", DAY8, "/bin/sh", "shop/web:1.0", WEB_IMAGE)), 1000).join();

        Detection covered = on("exc-1", BASH);
        assertEquals("suppressed", covered.status());
        assertEquals("x-1", covered.enrichment().exceptionId());
        assertEquals("in-review", on("exc-2", BASH).status(), "another agent is a near miss");
        assertEquals("in-review", on("exc-1", "lineage:" + PYTHON + " -> /bin/sh").status(), "another behaviour is a near miss");
    }

    @Test
    void workloadAndImageScopesFollowTheContainer() {
        week("exc-3", "exc-4", "exc-5");
        String other = "sha256:" + TestEvents.sha(8);
        engine.useExceptions(List.of(exception("x-w", Scope.WORKLOAD, "shop/web", BASH, DAY8.plus(Duration.ofDays(1))),
                exception("x-i", Scope.IMAGE, other, "lineage:" + PYTHON + " -> /bin/sh", DAY8.plus(Duration.ofDays(1)))));
        engine.submit(List.of(spawn("exc-3", DAY8, "/bin/bash", "shop/web:1.1", WEB_IMAGE),
                spawn("exc-4", DAY8, "/bin/bash", "shop/api:1.1", WEB_IMAGE),
                spawn("exc-5", DAY8, "/bin/sh", "shop/api:1.1", other),
                spawn("exc-3", DAY8, "/bin/sh", "shop/web:1.1", WEB_IMAGE)), 1000).join();

        assertEquals("x-w", on("exc-3", BASH).enrichment().exceptionId());
        assertEquals("in-review", on("exc-4", BASH).status(), "another workload is a near miss");
        assertEquals("x-i", on("exc-5", "lineage:" + PYTHON + " -> /bin/sh").enrichment().exceptionId());
        assertEquals("in-review", on("exc-3", "lineage:" + PYTHON + " -> /bin/sh").status(), "another image is a near miss");
    }

    @Test
    void aGroupScopeCoversTheGroupsAgentsOnly() {
        week("web-exc-9", "db-exc-9");
        engine.useExceptions(List.of(exception("x-g", Scope.GROUP, "web", BASH, DAY8.plus(Duration.ofDays(1)))));
        engine.submit(List.of(spawn("web-exc-9", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE),
                spawn("db-exc-9", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        assertEquals("x-g", on("web-exc-9", BASH).enrichment().exceptionId());
        assertEquals("in-review", on("db-exc-9", BASH).status(), "an agent outside the group is a near miss");
    }

    @Test
    void anExpiredExceptionStopsSuppressingAndTheBehaviourAlertsAgain() {
        week("exc-6");
        engine.useExceptions(List.of(exception("x-6", Scope.AGENT, "exc-6", BASH, DAY8.plus(Duration.ofMinutes(30)))));
        engine.submit(List.of(spawn("exc-6", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        assertEquals("suppressed", on("exc-6", BASH).status());

        // covered behaviour is not learned: still quarantined, it comes back to the rules after the expiry
        detections.clear();
        engine.submit(List.of(spawn("exc-6", DAY8.plus(Duration.ofMinutes(10)), "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        assertEquals("suppressed", on("exc-6", BASH).status(), "still in force ten minutes later");
        detections.clear();
        engine.submit(List.of(spawn("exc-6", DAY8.plus(Duration.ofMinutes(45)), "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        Detection after = on("exc-6", BASH);
        assertEquals("in-review", after.status());
        assertNull(after.enrichment().exceptionId());
    }

    @Test
    void aRemovedExceptionStopsSuppressingAtOnce() {
        week("exc-7");
        engine.useExceptions(List.of(exception("x-7", Scope.AGENT, "exc-7", BASH, DAY8.plus(Duration.ofDays(1)))));
        engine.submit(List.of(spawn("exc-7", DAY8, "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        assertEquals("suppressed", on("exc-7", BASH).status());
        engine.useExceptions(List.of());
        detections.clear();
        engine.submit(List.of(spawn("exc-7", DAY8.plus(Duration.ofMinutes(5)), "/bin/bash", "shop/web:1.0", WEB_IMAGE)), 1000).join();
        assertEquals("in-review", on("exc-7", BASH).status());
    }
}
