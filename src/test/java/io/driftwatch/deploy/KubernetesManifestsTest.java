package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.driftwatch.deploy.DeployFiles.Doc;
import io.driftwatch.deploy.DeployFiles.YamlPath;

/**
 * deploy/kubernetes: every object well-formed, every name one object uses found in another, probes on the paths
 * the service serves without a token, and every setting the Deployment passes a real one.
 */
class KubernetesManifestsTest {

    static final DeployFiles FILES = DeployFiles.load();
    static final Set<String> NO_METADATA = Set.of("Config", "Policy", "Kustomization");
    static final Set<String> WORKLOADS = Set.of("Deployment", "DaemonSet", "StatefulSet");

    static Doc deployment() {
        return FILES.one("Deployment", "driftwatch");
    }

    static Map<String, Object> podSpec(Doc workload) {
        return YamlPath.map(YamlPath.at(workload.doc(), "spec", "template", "spec"));
    }

    static Map<String, Object> podLabels(Doc workload) {
        return YamlPath.map(YamlPath.at(workload.doc(), "spec", "template", "metadata", "labels"));
    }

    static Map<String, Object> container(String name) {
        return YamlPath.maps(podSpec(deployment()), "containers").stream()
                .filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    static void assertSelects(Object selector, Map<String, Object> labels, String what) {
        Map<String, Object> match = YamlPath.map(selector);
        assertFalse(match.isEmpty(), what + " selects nothing");
        match.forEach((k, v) -> assertEquals(v, labels.get(k), what + ": label " + k + " of the pods"));
    }

    @Test
    void everyObjectHasApiVersionKindAndName() {
        assertFalse(FILES.objects().isEmpty());
        for (Doc d : FILES.objects()) {
            assertTrue(d.doc().get("apiVersion") instanceof String s && !s.isBlank(), d + ": apiVersion");
            if (!NO_METADATA.contains(d.kind())) {
                assertTrue(d.name() != null && d.name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), d + ": metadata.name");
            }
        }
        for (Path f : DeployFiles.yamlFiles()) {
            if (f.startsWith(DeployFiles.ROOT.resolve("kubernetes")) || f.startsWith(DeployFiles.ROOT.resolve("kafka"))) {
                assertTrue(FILES.all().stream().filter(d -> d.file().equals(f)).allMatch(d -> d.kind() != null),
                        f + " holds something other than Kubernetes objects");
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndOnlyExistingOnes() throws IOException {
        Doc k = FILES.ofKind("Kustomization").get(0);
        Path dir = k.file().getParent();
        Set<String> listed = new HashSet<>();
        for (Object r : YamlPath.list(k.doc().get("resources"))) {
            assertTrue(Files.isRegularFile(dir.resolve(r.toString())), k + " lists missing " + r);
            listed.add(r.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.equals(k.file())).toList()) {
                assertTrue(listed.contains(f.getFileName().toString()), f + " is not in " + k.file());
            }
        }
        for (Doc d : FILES.objects()) {
            if (d.file().getParent().equals(dir) && !"Namespace".equals(d.kind()) && !NO_METADATA.contains(d.kind())) {
                assertEquals("driftwatch", d.namespace(), d + ": namespace");
            }
        }
        assertNotNull(FILES.find("Namespace", "driftwatch", null), "the namespace object");
    }

    @Test
    void theDeploymentRunsTheServiceWithProbesResourcesAndNoRoot() {
        Map<String, Object> pod = podSpec(deployment());
        assertEquals(Boolean.TRUE, YamlPath.at(pod, "securityContext", "runAsNonRoot"));
        assertTrue(((Number) YamlPath.at(pod, "securityContext", "runAsUser")).intValue() > 0, "runAsUser");
        List<Map<String, Object>> all = new ArrayList<>(YamlPath.maps(pod, "containers"));
        all.addAll(YamlPath.maps(pod, "initContainers"));
        for (Map<String, Object> c : all) {
            String n = "container " + c.get("name");
            assertTrue(c.get("image") instanceof String s && !s.isBlank(), n + ": image");
            for (String kind : List.of("requests", "limits")) {
                for (String r : List.of("cpu", "memory")) {
                    assertNotNull(YamlPath.at(c, "resources", kind, r), n + ": resources." + kind + "." + r);
                }
            }
            assertEquals(Boolean.TRUE, YamlPath.at(c, "securityContext", "readOnlyRootFilesystem"), n);
            assertEquals(Boolean.FALSE, YamlPath.at(c, "securityContext", "allowPrivilegeEscalation"), n);
            assertEquals(List.of("ALL"), YamlPath.at(c, "securityContext", "capabilities", "drop"), n);
        }

        Map<String, Object> app = container("driftwatch");
        Map<String, Object> port = YamlPath.maps(app, "ports").get(0);
        assertEquals(ConfigNames.applicationProperties().getProperty("quarkus.http.port"),
                port.get("containerPort").toString(), "the container port is quarkus.http.port");
        assertEquals("/q/health/ready", YamlPath.str(app, "readinessProbe", "httpGet", "path"));
        assertEquals("/q/health/live", YamlPath.str(app, "livenessProbe", "httpGet", "path"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            String path = YamlPath.str(app, probe, "httpGet", "path");
            if (path == null) {
                continue;
            }
            // probes carry no token: the path must be one the service serves without one
            List<String> open = List.of(ConfigNames.defaultOf("driftwatch.auth.open-paths").split(","));
            assertTrue(open.stream().anyMatch(o -> path.startsWith(o + "/") || path.equals(o)),
                    probe + " " + path + " is not among the open paths " + open);
            assertEquals(port.get("name"), YamlPath.str(app, probe, "httpGet", "port"), probe + " port");
        }
        // Quarkus serves health under /q/health unless these move it
        for (String moved : List.of("quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
                "quarkus.smallrye-health.readiness-path", "quarkus.smallrye-health.liveness-path")) {
            assertFalse(ConfigNames.known().contains(moved), moved + " moves the health endpoints");
        }
    }

    @Test
    void everyVolumeSecretConfigMapAndServiceAccountReferencedExists() {
        for (Doc w : FILES.objects().stream().filter(d -> WORKLOADS.contains(d.kind())).toList()) {
            Map<String, Object> pod = podSpec(w);
            String ns = w.namespace();
            Set<String> volumes = new HashSet<>();
            for (Map<String, Object> v : YamlPath.maps(pod, "volumes")) {
                volumes.add((String) v.get("name"));
                String cm = YamlPath.str(v, "configMap", "name");
                String secret = YamlPath.str(v, "secret", "secretName");
                String claim = YamlPath.str(v, "persistentVolumeClaim", "claimName");
                if (cm != null) {
                    Doc d = exists("ConfigMap", cm, ns, w);
                    keysExist(d, YamlPath.maps(v, "configMap", "items"), w);
                }
                if (secret != null) {
                    Doc d = exists("Secret", secret, ns, w);
                    keysExist(d, YamlPath.maps(v, "secret", "items"), w);
                }
                if (claim != null) {
                    exists("PersistentVolumeClaim", claim, ns, w);
                }
            }
            String sa = (String) pod.get("serviceAccountName");
            if (sa != null) {
                exists("ServiceAccount", sa, ns, w);
            }
            List<Map<String, Object>> containers = new ArrayList<>(YamlPath.maps(pod, "containers"));
            containers.addAll(YamlPath.maps(pod, "initContainers"));
            for (Map<String, Object> c : containers) {
                for (Map<String, Object> m : YamlPath.maps(c, "volumeMounts")) {
                    assertTrue(volumes.contains(m.get("name")), w + ": mount of undeclared volume " + m.get("name"));
                }
                for (Map<String, Object> e : YamlPath.maps(c, "env")) {
                    for (String ref : List.of("secretKeyRef", "configMapKeyRef")) {
                        Map<String, Object> r = YamlPath.map(YamlPath.at(e, "valueFrom", ref));
                        if (!r.isEmpty()) {
                            Doc d = exists(ref.equals("secretKeyRef") ? "Secret" : "ConfigMap", (String) r.get("name"), ns, w);
                            keysExist(d, List.of(Map.of("key", r.get("key"))), w);
                        }
                    }
                }
            }
        }
    }

    static Doc exists(String kind, String name, String namespace, Doc user) {
        Doc d = FILES.find(kind, name, namespace);
        assertNotNull(d, user + " uses " + kind + " " + namespace + "/" + name + ", which deploy/ does not define");
        return d;
    }

    static void keysExist(Doc holder, List<Map<String, Object>> items, Doc user) {
        Set<String> keys = new HashSet<>(YamlPath.map(holder.doc().get("data")).keySet());
        keys.addAll(YamlPath.map(holder.doc().get("stringData")).keySet());
        for (Map<String, Object> item : items) {
            assertTrue(keys.contains(item.get("key")), user + " uses key " + item.get("key") + " of " + holder);
        }
    }

    @Test
    void serviceDisruptionBudgetAndNetworkPolicySelectTheDeploymentsPods() {
        Map<String, Object> labels = podLabels(deployment());
        assertSelects(YamlPath.at(deployment().doc(), "spec", "selector", "matchLabels"), labels, "the Deployment's selector");
        Doc service = FILES.one("Service", "driftwatch");
        assertSelects(YamlPath.at(service.doc(), "spec", "selector"), labels, service.toString());
        Set<Object> portNames = new HashSet<>();
        YamlPath.maps(container("driftwatch"), "ports").forEach(p -> {
            portNames.add(p.get("name"));
            portNames.add(p.get("containerPort"));
        });
        for (Map<String, Object> p : YamlPath.maps(service.doc(), "spec", "ports")) {
            assertTrue(portNames.contains(p.get("targetPort")), service + ": targetPort " + p.get("targetPort"));
        }
        Doc pdb = FILES.one("PodDisruptionBudget", "driftwatch");
        assertSelects(YamlPath.at(pdb.doc(), "spec", "selector", "matchLabels"), labels, pdb.toString());
        Doc policy = FILES.one("NetworkPolicy", "driftwatch");
        assertSelects(YamlPath.at(policy.doc(), "spec", "podSelector", "matchLabels"), labels, policy.toString());
        for (Map<String, Object> rule : YamlPath.maps(policy.doc(), "spec", "ingress")) {
            for (Map<String, Object> p : YamlPath.maps(rule, "ports")) {
                assertTrue(portNames.contains(p.get("port")), policy + ": ingress port " + p.get("port"));
            }
        }
        List<Object> egressPorts = YamlPath.maps(policy.doc(), "spec", "egress").stream()
                .flatMap(r -> YamlPath.maps(r, "ports").stream()).map(p -> p.get("port")).toList();
        assertTrue(egressPorts.containsAll(List.of(53, 5432, 9093)), "egress to DNS, PostgreSQL and Kafka: " + egressPorts);
    }

    @Test
    void noImageNamesARegistryHost() {
        for (Doc d : FILES.objects().stream().filter(x -> WORKLOADS.contains(x.kind())).toList()) {
            List<Map<String, Object>> cs = new ArrayList<>(YamlPath.maps(podSpec(d), "containers"));
            cs.addAll(YamlPath.maps(podSpec(d), "initContainers"));
            for (Map<String, Object> c : cs) {
                String image = (String) c.get("image");
                String first = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
                assertFalse(first.contains(".") || first.contains(":") || first.equals("localhost"),
                        d + ": image " + image + " names a registry; leave that to the user");
            }
        }
    }
}
