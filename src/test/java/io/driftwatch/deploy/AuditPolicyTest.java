package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.driftwatch.deploy.DeployFiles.Doc;
import io.driftwatch.deploy.DeployFiles.YamlPath;

/**
 * deploy/audit: the policy records every write to an object kind the audit reader judges at RequestResponse (the
 * whole object), secrets never beyond Metadata, noise not at all; the webhook kubeconfig posts to the real endpoint.
 */
class AuditPolicyTest {

    static final Doc POLICY = KubernetesManifestsTest.FILES.ofKind("Policy").get(0);
    static final List<String> WRITES = List.of("create", "update", "patch", "delete");

    record Request(String user, List<String> groups, String verb, String apiGroup, String resource) {
        static Request by(String user, String verb, String apiGroup, String resource) {
            return new Request(user, List.of("system:authenticated"), verb, apiGroup, resource);
        }
    }

    /** The level the first matching rule gives a resource request (None when none matches), as the API server does. */
    static String level(Request r) {
        for (Map<String, Object> rule : YamlPath.maps(POLICY.doc(), "rules")) {
            if (matches(rule, r)) {
                return (String) rule.get("level");
            }
        }
        return "None";
    }

    static boolean matches(Map<String, Object> rule, Request r) {
        List<Object> users = YamlPath.list(rule.get("users"));
        List<Object> groups = YamlPath.list(rule.get("userGroups"));
        List<Object> verbs = YamlPath.list(rule.get("verbs"));
        if (!users.isEmpty() && !users.contains(r.user())
                || !groups.isEmpty() && groups.stream().noneMatch(r.groups()::contains)
                || !verbs.isEmpty() && !verbs.contains(r.verb())
                || !YamlPath.list(rule.get("nonResourceURLs")).isEmpty()) {
            return false;
        }
        List<Map<String, Object>> resources = YamlPath.maps(rule, "resources");
        if (resources.isEmpty()) {
            return true;
        }
        for (Map<String, Object> gr : resources) {
            String group = gr.get("group") == null ? "" : gr.get("group").toString();
            List<Object> names = YamlPath.list(gr.get("resources"));
            if (group.equals(r.apiGroup()) && (names.isEmpty() || names.contains(r.resource()) || names.contains("*"))) {
                return true;
            }
        }
        return false;
    }

    /** What the audit reader turns into config events: resource to API group (ingest.k8s.K8sKinds). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> trackedKinds() throws ReflectiveOperationException {
        Class<?> kinds = Class.forName("io.driftwatch.ingest.k8s.K8sKinds");
        Field f = kinds.getDeclaredField("BY_RESOURCE");
        f.setAccessible(true);
        return (Map<String, Object>) f.get(null);
    }

    static String groupOf(Object kind) throws ReflectiveOperationException {
        Method group = kind.getClass().getDeclaredMethod("group");
        group.setAccessible(true);
        return (String) group.invoke(kind);
    }

    @Test
    void everyWriteToAJudgedKindIsRecordedWithItsObject() throws ReflectiveOperationException {
        assertEquals("audit.k8s.io/v1", POLICY.doc().get("apiVersion"));
        Map<String, Object> kinds = trackedKinds();
        assertFalse(kinds.isEmpty());
        for (Map.Entry<String, Object> k : kinds.entrySet()) {
            String group = groupOf(k.getValue());
            for (String verb : WRITES) {
                for (String user : List.of("alice@example.com", "system:serviceaccount:ci:deployer")) {
                    assertEquals("RequestResponse", level(Request.by(user, verb, group, k.getKey())),
                            verb + " " + k.getKey() + " (" + group + ") by " + user);
                }
            }
        }
        assertTrue(YamlPath.list(POLICY.doc().get("omitStages")).contains("RequestReceived"),
                "the reader maps ResponseComplete and Panic only; RequestReceived would be listed as ignored");
    }

    @Test
    void secretsAndInteractiveAccessAreApiEventsWithoutContentAndNoiseIsDropped() {
        for (String verb : List.of("get", "list", "create", "update", "patch", "delete")) {
            assertEquals("Metadata", level(Request.by("alice", verb, "", "secrets")), verb + " secrets");
            assertEquals("Metadata", level(Request.by("alice", verb, "", "configmaps")), verb + " configmaps");
        }
        for (String sub : List.of("pods/exec", "pods/attach", "pods/portforward")) {
            assertEquals("Metadata", level(Request.by("alice", "create", "", sub)), sub);
        }
        assertEquals("Metadata", level(Request.by("alice", "create", "apiextensions.k8s.io", "customresourcedefinitions")));
        assertEquals("None", level(Request.by("system:kube-controller-manager", "update", "coordination.k8s.io", "leases")));
        assertEquals("None", level(Request.by("system:kube-scheduler", "create", "", "events")));
        assertEquals("None", level(Request.by("system:serviceaccount:kube-system:replicaset-controller", "watch", "", "pods")));
        assertEquals("None", level(Request.by("alice", "list", "apps", "deployments")));
        assertEquals("None", level(new Request("system:node:n1", List.of("system:nodes"), "patch", "", "pods/status")));
    }

    @Test
    void theWebhookKubeconfigPostsToTheAuditEndpointWithAToken() {
        Doc config = KubernetesManifestsTest.FILES.ofKind("Config").get(0);
        String context = (String) config.doc().get("current-context");
        Map<String, Object> ctx = YamlPath.maps(config.doc(), "contexts").stream()
                .filter(c -> context.equals(c.get("name"))).findFirst().orElseThrow();
        String clusterName = YamlPath.str(ctx, "context", "cluster");
        String userName = YamlPath.str(ctx, "context", "user");
        String server = YamlPath.maps(config.doc(), "clusters").stream().filter(c -> clusterName.equals(c.get("name")))
                .map(c -> YamlPath.str(c, "cluster", "server")).findFirst().orElseThrow();
        String token = YamlPath.maps(config.doc(), "users").stream().filter(u -> userName.equals(u.get("name")))
                .map(u -> YamlPath.str(u, "user", "token")).findFirst().orElseThrow();
        assertTrue(Endpoints.posts().contains(URI.create(server).getPath()),
                server + " is not one of the service's POST endpoints " + Endpoints.posts());
        assertTrue(URI.create(server).getPath().endsWith("/ingest/k8s-audit"));
        // the API server's client drops the query string: the cluster is named by the service's setting instead
        assertNull(URI.create(server).getQuery(), "a ?cluster= here would be dropped");
        assertNotNull(DeploymentSettingsTest.env().get(ConfigNames.envName("driftwatch.drift.cluster-name")),
                "the Deployment names the cluster its audit events come from");
        assertFalse(token.isBlank());
    }
}
