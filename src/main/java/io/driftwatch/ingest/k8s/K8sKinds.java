package io.driftwatch.ingest.k8s;

import java.util.Map;
import java.util.Set;

/** The Kubernetes objects whose writes become config events, by the audit record's resource and API group. */
final class K8sKinds {

    /**
     * One tracked object kind.
     *
     * @param olderGroups groups that served the same object before it moved (Deployments and NetworkPolicies
     *                    lived in {@code extensions} until Kubernetes 1.16, and recorded audit logs still say so)
     */
    record Kind(String name, String group, boolean namespaced, Set<String> olderGroups) {}

    private static final String CORE = "";
    private static final String APPS = "apps";
    private static final String BATCH = "batch";
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String NETWORKING = "networking.k8s.io";
    private static final Set<String> EXTENSIONS = Set.of("extensions");

    private static final Map<String, Kind> BY_RESOURCE = Map.ofEntries(
            kind("roles", "Role", RBAC, true),
            kind("clusterroles", "ClusterRole", RBAC, false),
            kind("rolebindings", "RoleBinding", RBAC, true),
            kind("clusterrolebindings", "ClusterRoleBinding", RBAC, false),
            kind("pods", "Pod", CORE, true),
            kind("namespaces", "Namespace", CORE, false),
            kind("services", "Service", CORE, true),
            Map.entry("deployments", new Kind("Deployment", APPS, true, EXTENSIONS)),
            Map.entry("daemonsets", new Kind("DaemonSet", APPS, true, EXTENSIONS)),
            Map.entry("replicasets", new Kind("ReplicaSet", APPS, true, EXTENSIONS)),
            kind("statefulsets", "StatefulSet", APPS, true),
            kind("jobs", "Job", BATCH, true),
            kind("cronjobs", "CronJob", BATCH, true),
            kind("validatingwebhookconfigurations", "ValidatingWebhookConfiguration", ADMISSION, false),
            kind("mutatingwebhookconfigurations", "MutatingWebhookConfiguration", ADMISSION, false),
            kind("validatingadmissionpolicies", "ValidatingAdmissionPolicy", ADMISSION, false),
            kind("validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", ADMISSION, false),
            Map.entry("networkpolicies", new Kind("NetworkPolicy", NETWORKING, true, EXTENSIONS)));

    private K8sKinds() {}

    private static Map.Entry<String, Kind> kind(String resource, String name, String group, boolean namespaced) {
        return Map.entry(resource, new Kind(name, group, namespaced, Set.of()));
    }

    /**
     * The tracked kind of {@code resource} in {@code apiGroup}, or null. A named group must be the kind's own (a
     * custom resource may reuse a plural like {@code roles}). An absent or empty group means the core group to an
     * API server, which serves none of the non-core resources here; shippers and hand-written records drop the
     * group, so absent matches the resource's own group rather than nothing.
     */
    static Kind of(String resource, String apiGroup) {
        Kind kind = resource == null ? null : BY_RESOURCE.get(resource);
        if (kind == null || apiGroup == null || apiGroup.isEmpty()) {
            return kind;
        }
        return apiGroup.equals(kind.group()) || kind.olderGroups().contains(apiGroup) ? kind : null;
    }
}
