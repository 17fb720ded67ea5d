package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a RoleBinding or ClusterRoleBinding grants: one item per subject and rule of the bound role, so a new
 * subject, a new role, or a role that gained a verb each show as a grant the approved state does not have.
 */
final class RbacItems {

    static final String ASPECT = "rbac-grant";

    /** Kubernetes' built-in roles, as far as the drift rules care; their bindings need no role object. */
    private static final Map<String, List<Map<String, Object>>> BUILT_IN = Map.of(
            "cluster-admin", List.of(rule(List.of("*"), List.of("*"))),
            "admin", List.of(rule(List.of("*"), List.of("pods", "pods/exec", "pods/attach", "secrets", "deployments",
                    "services", "configmaps", "rolebindings", "roles"))),
            "edit", List.of(rule(List.of("create", "delete", "get", "list", "patch", "update", "watch"),
                    List.of("pods", "pods/exec", "pods/attach", "secrets", "deployments", "services", "configmaps"))),
            "view", List.of(rule(List.of("get", "list", "watch"), List.of("pods", "services", "deployments", "configmaps"))));

    private RbacItems() {
    }

    private static Map<String, Object> rule(List<String> verbs, List<String> resources) {
        return Map.of("verbs", verbs, "resources", resources, "apiGroups", List.of("*"));
    }

    static void add(ConfigObject binding, RoleLookup roles, Map<String, ConfigItem> items) {
        Map<String, Object> state = binding.state();
        String roleKind = Maps.text(state, "roleRef", "kind");
        String roleName = Maps.text(state, "roleRef", "name");
        if (roleName == null) {
            return;
        }
        roleKind = roleKind == null ? "ClusterRole" : roleKind;
        String roleNamespace = "Role".equals(roleKind) ? binding.namespace() : null;
        Map<String, Object> role = roles.role(roleKind, roleNamespace, roleName);
        List<Map<String, Object>> rules;
        boolean known = true;
        if (role != null) {
            rules = Maps.maps(role, "rules");
        } else if ("ClusterRole".equals(roleKind) && BUILT_IN.containsKey(roleName)) {
            rules = BUILT_IN.get(roleName);
        } else {
            rules = List.of(Map.of()); // the role is unknown: the grant still shows, without its rules
            known = false;
        }
        for (Map<String, Object> subject : Maps.maps(state, "subjects")) {
            String who = subject(subject);
            for (Map<String, Object> r : rules) {
                List<String> verbs = Maps.texts(r, "verbs");
                List<String> resources = Maps.texts(r, "resources");
                List<String> names = Maps.texts(r, "resourceNames");
                String role2 = roleKind + "/" + roleName;
                String value = who + " may " + (known ? String.join(",", verbs) + " on " + String.join(",", resources)
                        + (names.isEmpty() ? "" : " named " + String.join(",", names)) : "(rules unknown)")
                        + " via " + role2 + (binding.namespace() == null ? " cluster-wide" : " in " + binding.namespace());
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("subject", who);
                attributes.put("role", roleName);
                attributes.put("roleKind", roleKind);
                attributes.put("verbs", verbs);
                attributes.put("resources", resources);
                attributes.put("resourceNames", names);
                attributes.put("roleKnown", known);
                attributes.put("clusterWide", binding.namespace() == null);
                String key = "grant|" + who + "|" + role2 + "|" + String.join(",", verbs) + "|" + String.join(",", resources)
                        + "|" + String.join(",", names);
                items.put(key, new ConfigItem(ASPECT, key, value, attributes));
            }
        }
    }

    private static String subject(Map<String, Object> s) {
        String kind = Maps.text(s, "kind");
        String ns = Maps.text(s, "namespace");
        return (kind == null ? "User" : kind) + ":" + (ns == null ? "" : ns + "/") + Maps.text(s, "name");
    }

    /** Bindings that refer to a role, so a change to the role re-judges them. */
    static boolean refersTo(ConfigObject binding, String roleKind, String roleNamespace, String roleName) {
        Map<String, Object> s = binding.state();
        if (s == null || !roleName.equals(Maps.text(s, "roleRef", "name"))) {
            return false;
        }
        String kind = Maps.text(s, "roleRef", "kind");
        if ("Role".equals(roleKind)) {
            return "Role".equals(kind) && roleNamespace != null && roleNamespace.equals(binding.namespace());
        }
        return kind == null || "ClusterRole".equals(kind);
    }

    static final java.util.Set<String> BINDING_KINDS = java.util.Set.of("RoleBinding", "ClusterRoleBinding");
}
