package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that protect a cluster: Service exposure, NetworkPolicies, namespace pod-security labels and
 * admission control (webhooks, ValidatingAdmissionPolicies and their bindings).
 */
final class ClusterPolicyItems {

    static final String SERVICE_EXPOSURE = "service-exposure";
    static final String NETWORK_POLICY = "network-policy";
    static final String POD_SECURITY = "pod-security";
    static final String ADMISSION_WEBHOOK = "admission-webhook";
    static final String ADMISSION_POLICY = "admission-policy";
    private static final String POD_SECURITY_LABEL = "pod-security.kubernetes.io/";

    private ClusterPolicyItems() {
    }

    static void service(ConfigObject o, Map<String, ConfigItem> items) {
        String type = Maps.text(o.state(), "spec", "type");
        if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
            List<Object> ports = Maps.list(o.state(), "spec", "ports").stream()
                    .map(p -> Maps.text(p, "nodePort") != null ? Maps.text(p, "port") + "->" + Maps.text(p, "nodePort")
                            : Maps.text(p, "port"))
                    .map(Object.class::cast).toList();
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("type", type);
            attributes.put("ports", ports);
            items.put("type", new ConfigItem(SERVICE_EXPOSURE, "type", type + " ports " + ports, attributes));
        }
    }

    static void networkPolicy(ConfigObject o, Map<String, ConfigItem> items) {
        Map<String, Object> spec = Maps.map(o.state(), "spec");
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("policyTypes", Maps.texts(spec, "policyTypes"));
        items.put("present", new ConfigItem(NETWORK_POLICY, "present", "in force: " + Maps.canonical(spec), attributes));
    }

    static void namespace(ConfigObject o, Map<String, ConfigItem> items) {
        for (Map.Entry<String, Object> label : Maps.map(o.state(), "metadata", "labels").entrySet()) {
            String mode = label.getKey().startsWith(POD_SECURITY_LABEL) ? label.getKey().substring(POD_SECURITY_LABEL.length()) : null;
            if (mode != null && List.of("enforce", "audit", "warn").contains(mode) && label.getValue() != null) {
                String level = label.getValue().toString();
                Map<String, Object> attributes = Map.of("mode", mode, "level", level);
                String key = "pod-security|" + mode;
                items.put(key, new ConfigItem(POD_SECURITY, key, level, attributes));
            }
        }
    }

    static void webhooks(ConfigObject o, Map<String, ConfigItem> items) {
        items.put("present", new ConfigItem(ADMISSION_WEBHOOK, "present", "configured", Map.of("setting", "registration")));
        for (Map<String, Object> w : Maps.maps(o.state(), "webhooks")) {
            String name = Maps.text(w, "name");
            String base = "webhook|" + name;
            items.put(base, new ConfigItem(ADMISSION_WEBHOOK, base, "registered", Map.of("webhook", name,
                    "setting", "registration")));
            String policy = Maps.text(w, "failurePolicy");
            policy = policy == null ? "Fail" : policy;
            items.put(base + "|failurePolicy", new ConfigItem(ADMISSION_WEBHOOK, base + "|failurePolicy", policy,
                    Map.of("webhook", name, "setting", "failurePolicy", "failurePolicy", policy)));
            for (String selector : List.of("namespaceSelector", "objectSelector")) {
                Map<String, Object> s = Maps.map(w, selector);
                int requirements = Maps.map(s, "matchLabels").size() + Maps.list(s, "matchExpressions").size();
                items.put(base + "|" + selector, new ConfigItem(ADMISSION_WEBHOOK, base + "|" + selector,
                        Maps.canonical(s), Map.of("webhook", name, "setting", selector, "selector", selector,
                        "requirements", requirements)));
            }
            items.put(base + "|rules", new ConfigItem(ADMISSION_WEBHOOK, base + "|rules",
                    Maps.canonical(Maps.list(w, "rules")), Map.of("webhook", name, "setting", "rules")));
        }
    }

    static void admissionPolicy(ConfigObject o, Map<String, ConfigItem> items) {
        items.put("present", new ConfigItem(ADMISSION_POLICY, "present", "in force", Map.of()));
        String policy = Maps.text(o.state(), "spec", "failurePolicy");
        policy = policy == null ? "Fail" : policy;
        items.put("failurePolicy", new ConfigItem(ADMISSION_POLICY, "failurePolicy", policy, Map.of("failurePolicy", policy)));
    }

    static void admissionPolicyBinding(ConfigObject o, Map<String, ConfigItem> items) {
        items.put("present", new ConfigItem(ADMISSION_POLICY, "present", "in force", Map.of()));
        List<String> actions = Maps.texts(o.state(), "spec", "validationActions").stream().sorted().toList();
        items.put("validationActions", new ConfigItem(ADMISSION_POLICY, "validationActions", String.join(",", actions),
                Map.of("validationActions", actions, "denies", actions.contains("Deny"))));
        Map<String, Object> selector = Maps.map(o.state(), "spec", "matchResources", "namespaceSelector");
        int requirements = Maps.map(selector, "matchLabels").size() + Maps.list(selector, "matchExpressions").size();
        items.put("namespaceSelector", new ConfigItem(ADMISSION_POLICY, "namespaceSelector", Maps.canonical(selector),
                Map.of("selector", "namespaceSelector", "requirements", requirements)));
    }
}
