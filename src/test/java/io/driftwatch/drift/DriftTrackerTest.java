package io.driftwatch.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/** How running configuration is compared with the approved state, change by change. */
class DriftTrackerTest {

    static final String ACCOUNT = "aws-111122223333";
    static final String CLUSTER = "prod";
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    final ApprovedConfig approved = new ApprovedConfig();
    final DriftTracker tracker = new DriftTracker(approved, approved::put);
    final List<ConfigDrift> facts = new ArrayList<>();
    final List<AlertClosure> closures = new ArrayList<>();
    int minute;

    void approve(String agent, String kind, String id, String ns, String name, Map<String, Object> state) {
        approved.put(new ApprovedConfig.Approval(new ConfigObject(agent, kind, id, ns, name, state), "alice", "CHG-1", T, null));
    }

    void observe(String agent, String kind, String id, String ns, String name, String change, Map<String, Object> after) {
        Event.Config c = new Event.Config(kind, id, change, null, after, "mallory", ns, name);
        Event e = new Event("e" + minute, agent, T.plusSeconds(60L * minute++), EventType.CONFIG, null, null, null, null,
                null, null, c);
        tracker.observe(e, f -> facts.add((ConfigDrift) f), closures::add);
    }

    static Map<String, Object> rule(String protocol, int port, String cidr) {
        return Map.of("protocol", protocol, "fromPort", port, "toPort", port, "cidr", cidr);
    }

    @Test
    void anAuthorizedRuleDriftsAndItsRevocationClosesIt() {
        approve(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1",
                Map.of("ingress", List.of(rule("tcp", 443, "0.0.0.0/0"))));

        observe(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "add",
                Map.of("ingress", List.of(rule("tcp", 22, "208.236.235.254/0"))));
        assertEquals(1, facts.size(), "only the new rule differs; the approved 443 rule is still there");
        ConfigDrift d = facts.get(0);
        assertEquals("ingress", d.getAspect());
        assertTrue(d.isAdded());
        assertTrue(d.isPublicSource(), "a /0 is the internet whatever its address");
        assertTrue(d.coversPort(22));
        assertEquals("mallory", d.getActor());
        assertEquals("config:SecurityGroup/eu-west-1/sg-1#ingress|tcp|port 22|208.236.235.254/0", d.getBehaviourKey());

        observe(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "remove",
                Map.of("ingress", List.of(rule("tcp", 22, "208.236.235.254/0"))));
        assertEquals(1, facts.size(), "a revocation raises nothing");
        assertEquals(1, closures.size());
        assertEquals(d.getBehaviourKey(), closures.get(0).behaviourKey());
        assertEquals(AlertClosure.RESOLVED, closures.get(0).status());
        assertEquals(0, tracker.drifting(ACCOUNT));
        List<ObservedChange> unsaved = tracker.drainUnsaved();
        assertEquals(1, unsaved.size(), "the next checkpoint stores the newest running state of each changed object");
        assertEquals(tracker.running(ACCOUNT, new ConfigObject.ObjectKey("SecurityGroup", "eu-west-1/sg-1")),
                unsaved.get(0).object());
        assertTrue(tracker.drainUnsaved().isEmpty(), "taken once");
    }

    @Test
    void reAuthorizingAnApprovedRuleIsNotDrift() {
        approve(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1",
                Map.of("ingress", List.of(rule("tcp", 443, "0.0.0.0/0"))));
        observe(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "add",
                Map.of("ingress", List.of(rule("tcp", 443, "0.0.0.0/0"))));
        assertTrue(facts.isEmpty());
    }

    @Test
    void aRoleThatGainsAWildcardReJudgesTheBindingsThatUseIt() {
        Map<String, Object> role = Map.of("kind", "Role", "rules", List.of(Map.of("verbs", List.of("get"), "resources", List.of("configmaps"))));
        Map<String, Object> binding = Map.of("roleRef", Map.of("kind", "Role", "name", "reader"),
                "subjects", List.of(Map.of("kind", "ServiceAccount", "name", "web", "namespace", "shop")));
        approve(CLUSTER, "Role", "shop/reader", "shop", "reader", role);
        approve(CLUSTER, "RoleBinding", "shop/web-reads", "shop", "web-reads", binding);

        observe(CLUSTER, "Role", "shop/reader", "shop", "reader", "update",
                Map.of("kind", "Role", "rules", List.of(Map.of("verbs", List.of("*"), "resources", List.of("*")))));

        ConfigDrift added = facts.stream().filter(ConfigDrift::isAdded).findFirst().orElseThrow();
        assertEquals("RoleBinding", added.getObjectKind(), "the grant drifts, on the binding");
        assertTrue(added.isWildcard());
        assertEquals("ServiceAccount:shop/web", added.text("subject"));
    }

    @Test
    void deletingAProtectiveObjectNeverSeenIsStillARemoval() {
        observe(ACCOUNT, "FlowLog", "eu-west-1/fl-1", "eu-west-1", "fl-1", "delete", null);
        assertEquals(1, facts.size());
        assertTrue(facts.get(0).isRemoved());
        assertEquals("flow-log", facts.get(0).getAspect());

        observe(ACCOUNT, "Instance", "eu-west-1/i-1", "eu-west-1", "i-1", "delete", null);
        assertEquals(1, facts.size(), "deleting an ordinary object nobody approved is not drift");
    }

    @Test
    void aControllerOwnedPodIsJudgedThroughItsOwner() {
        Map<String, Object> pod = Map.of("metadata", Map.of("name", "web-5d9c7-abcde", "ownerReferences",
                        List.of(Map.of("kind", "ReplicaSet", "name", "web-5d9c7", "controller", true))),
                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "web:1"))));
        observe(CLUSTER, "Pod", "shop/web-5d9c7-abcde", "shop", "web-5d9c7-abcde", "create", pod);
        assertTrue(facts.isEmpty());
        assertTrue(tracker.drainUnsaved().isEmpty(), "controller-owned pods are too many to remember");
        observe(CLUSTER, "Pod", "shop/web-5d9c7-abcde", "shop", "web-5d9c7-abcde", "delete", null);
        assertTrue(facts.isEmpty());
        assertTrue(tracker.drainUnsaved().stream().allMatch(ObservedChange::forgotten));
    }

    @Test
    void anUnapprovedObjectThatIsGoneIsForgotten() {
        observe(CLUSTER, "Service", "shop/tmp", "shop", "tmp", "create", Map.of("spec", Map.of("type", "ClusterIP")));
        observe(CLUSTER, "Service", "shop/tmp", "shop", "tmp", "delete", null);
        List<ObservedChange> forgotten = tracker.drainUnsaved().stream().filter(ObservedChange::forgotten).toList();
        assertEquals(List.of(new ConfigObject.ObjectKey("Service", "shop/tmp")),
                forgotten.stream().map(ObservedChange::objectKey).toList());
        assertNull(tracker.running(CLUSTER, new ConfigObject.ObjectKey("Service", "shop/tmp")));

        observe(ACCOUNT, "FlowLog", "eu-west-1/fl-1", "eu-west-1", "fl-1", "delete", null);
        assertTrue(tracker.drainUnsaved().stream().noneMatch(ObservedChange::forgotten),
                "a removal still drifting is remembered, so its return can close it");
    }

    @Test
    void aFeedThatLeavesOutTheObjectIsNotJudged() {
        observe(CLUSTER, "Deployment", "shop/web", "shop", "web", "update", null);
        assertTrue(facts.isEmpty());
        assertEquals(1, tracker.unjudged());
    }

    @Test
    void approvingTheRunningStateClosesItsDriftAsAccepted() {
        observe(CLUSTER, "Service", "shop/web", "shop", "web", "create",
                Map.of("spec", Map.of("type", "LoadBalancer", "ports", List.of(Map.of("port", 80)))));
        assertEquals(1, facts.size());
        ConfigObject running = tracker.running(CLUSTER, new ConfigObject.ObjectKey("Service", "shop/web"));
        approved.put(new ApprovedConfig.Approval(running, "alice", "public by design", T, null));
        AlertClosure template = new AlertClosure(CLUSTER, null, AlertClosure.ACCEPTED, "alice", "approved: public by design", T);

        List<AlertClosure> closed = tracker.reevaluate(CLUSTER, running.key(), template);

        assertEquals(1, closed.size());
        assertEquals(AlertClosure.ACCEPTED, closed.get(0).status());
        assertEquals("config:Service/shop/web#type", closed.get(0).behaviourKey());
    }

    @Test
    void aRestoredRunningStateRaisesNothingButStillCloses() {
        ConfigObject sg = new ConfigObject(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1",
                Map.of("ingress", List.of(rule("tcp", 22, "0.0.0.0/0"))));
        tracker.restore(sg);
        assertTrue(facts.isEmpty());
        assertEquals(1, tracker.drifting(ACCOUNT));

        observe(ACCOUNT, "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "sg-1", "remove",
                Map.of("ingress", List.of(Map.of("protocol", "tcp", "fromPort", 22, "toPort", 22, "cidr", "0.0.0.0/0"))));
        assertEquals(1, closures.size(), "the restart did not forget the drift the revocation ends");
    }

    @Test
    void aTagWhereADigestIsApprovedIsSeen() {
        Map<String, Object> approvedSpec = Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                List.of(Map.of("name", "web", "image", "reg/web@sha256:aaa"))))));
        approve(CLUSTER, "Deployment", "shop/web", "shop", "web", approvedSpec);
        observe(CLUSTER, "Deployment", "shop/web", "shop", "web", "update", Map.of("spec", Map.of("template",
                Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "reg/web:2.0")))))));
        assertEquals(1, facts.size());
        assertTrue(facts.get(0).isTagWhereDigestApproved());
        assertEquals("reg/web@sha256:aaa", facts.get(0).getApproved());
        assertEquals("reg/web:2.0", facts.get(0).getObserved());

        facts.clear();
        observe(CLUSTER, "Deployment", "shop/web", "shop", "web", "update", Map.of("spec", Map.of("template",
                Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "reg/web:1.9@sha256:aaa")))))));
        assertTrue(facts.isEmpty(), "the approved digest with a tag beside it is the approved image");
        assertEquals(1, closures.size());
        assertFalse(closures.isEmpty());
        assertNull(tracker.running(CLUSTER, new ConfigObject.ObjectKey("Deployment", "shop/other")));
    }
}
