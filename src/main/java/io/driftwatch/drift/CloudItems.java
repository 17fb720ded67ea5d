package io.driftwatch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of cloud objects, in the normalized form the CloudTrail adapter and the approved YAML share:
 * security-group and network-ACL rules, routes, instance attributes, IAM grants, and audit logging.
 */
final class CloudItems {

    static final String INGRESS = "ingress";
    static final String EGRESS = "egress";
    static final String NACL_ENTRY = "nacl-entry";
    static final String ROUTE = "route";
    static final String INSTANCE = "instance-attribute";
    static final String IAM = "iam-policy";
    static final String ACCESS_KEY = "access-key";
    static final String AUDIT_LOGGING = "audit-logging";
    static final String FLOW_LOG = "flow-log";

    private CloudItems() {
    }

    /** Rules whose direction the feed did not say (ModifySecurityGroupRules): judged as possibly inbound. */
    static final String UNKNOWN_DIRECTION = "rules";

    static void securityGroup(ConfigObject o, Map<String, ConfigItem> items) {
        for (String direction : List.of(INGRESS, EGRESS, UNKNOWN_DIRECTION)) {
            for (Map<String, Object> rule : Maps.maps(o.state(), direction)) {
                String protocol = protocol(Maps.text(rule, "protocol"));
                String peer = peer(rule);
                String ports = ports(protocol, rule);
                Map<String, Object> attributes = new LinkedHashMap<>(rule);
                attributes.put("protocol", protocol);
                String aspect = UNKNOWN_DIRECTION.equals(direction) ? INGRESS : direction;
                attributes.put("direction", UNKNOWN_DIRECTION.equals(direction) ? "unknown" : direction);
                attributes.put("action", "allow");
                String key = direction + "|" + protocol + "|" + ports + "|" + peer;
                items.put(key, new ConfigItem(aspect, key, "allow " + protocol + " " + ports
                        + (EGRESS.equals(direction) ? " to " : UNKNOWN_DIRECTION.equals(direction) ? " with " : " from ")
                        + peer, attributes));
            }
        }
    }

    static void networkAcl(ConfigObject o, Map<String, ConfigItem> items) {
        for (Map<String, Object> entry : Maps.maps(o.state(), "entries")) {
            String direction = Maps.isTrue(entry, "egress") ? EGRESS : INGRESS;
            String protocol = protocol(Maps.text(entry, "protocol"));
            Map<String, Object> attributes = new LinkedHashMap<>(entry);
            attributes.put("protocol", protocol);
            attributes.put("direction", direction);
            attributes.put("action", Maps.text(entry, "ruleAction"));
            String key = "entry|" + direction + "|" + Maps.text(entry, "ruleNumber");
            items.put(key, new ConfigItem(NACL_ENTRY, key, Maps.text(entry, "ruleAction") + " " + protocol + " "
                    + ports(protocol, entry) + " " + direction + " " + Maps.text(entry, "cidr"), attributes));
        }
    }

    static void routeTable(ConfigObject o, Map<String, ConfigItem> items) {
        for (Map<String, Object> route : Maps.maps(o.state(), "routes")) {
            String key = "route|" + Maps.text(route, "destination");
            items.put(key, new ConfigItem(ROUTE, key, Maps.text(route, "destination") + " via " + Maps.text(route, "target"),
                    new LinkedHashMap<>(route)));
        }
    }

    static void instance(ConfigObject o, Map<String, ConfigItem> items) {
        for (Map.Entry<String, Object> e : o.state().entrySet()) {
            String key = "attribute|" + e.getKey();
            items.put(key, new ConfigItem(INSTANCE, key, Maps.canonical(e.getValue()),
                    Map.of("attribute", e.getKey())));
        }
    }

    static void iamPrincipal(ConfigObject o, Map<String, ConfigItem> items) {
        for (String arn : Maps.texts(o.state(), "attachedPolicies")) {
            String key = "attached|" + arn;
            items.put(key, new ConfigItem(IAM, key, "attached " + arn, Map.of("policy", arn,
                    "wildcard", arn.endsWith(":policy/AdministratorAccess"))));
        }
        for (Map<String, Object> inline : Maps.maps(o.state(), "inlinePolicies")) {
            String name = Maps.text(inline, "name");
            Object document = inline.get("document");
            String key = "inline|" + name;
            items.put(key, new ConfigItem(IAM, key, "inline " + name + " " + Maps.canonical(document),
                    Map.of("policy", String.valueOf(name), "wildcard", allowsEverything(document))));
        }
        Object trust = o.state().get("assumeRolePolicy");
        if (trust != null) {
            items.put("assumeRolePolicy", new ConfigItem(IAM, "assumeRolePolicy", Maps.canonical(trust), Map.of()));
        }
        for (String member : Maps.texts(o.state(), "members")) {
            String key = "member|" + member;
            items.put(key, new ConfigItem(IAM, key, "member " + member, Map.of("member", member)));
        }
    }

    static void iamPolicy(ConfigObject o, Map<String, ConfigItem> items) {
        Object document = o.state().get("document");
        if (document != null) {
            items.put("document", new ConfigItem(IAM, "document", Maps.canonical(document),
                    Map.of("policy", o.name() == null ? o.id() : o.name(), "wildcard", allowsEverything(document))));
        }
    }

    static void accessKey(ConfigObject o, Map<String, ConfigItem> items) {
        String status = Maps.text(o.state(), "status");
        items.put("status", new ConfigItem(ACCESS_KEY, "status", status == null ? "Active" : status,
                Map.of("userName", String.valueOf(Maps.text(o.state(), "userName")))));
    }

    static void trail(ConfigObject o, Map<String, ConfigItem> items) {
        items.put("present", new ConfigItem(AUDIT_LOGGING, "present", "configured", Map.of()));
        Object logging = o.state().get("logging");
        if (logging != null) {
            items.put("logging", new ConfigItem(AUDIT_LOGGING, "logging", logging.toString(),
                    Map.of("logging", Boolean.parseBoolean(logging.toString()))));
        }
        List<Object> selectors = Maps.list(o.state(), "eventSelectors");
        List<Object> advanced = Maps.list(o.state(), "advancedEventSelectors");
        if (!selectors.isEmpty() || !advanced.isEmpty()) {
            items.put("selectors", new ConfigItem(AUDIT_LOGGING, "selectors", Maps.canonical(selectors)
                    + (advanced.isEmpty() ? "" : " " + Maps.canonical(advanced)),
                    Map.of("coverage", coverage(selectors) + advanced.size())));
        }
    }

    static void flowLog(ConfigObject o, Map<String, ConfigItem> items) {
        items.put("present", new ConfigItem(FLOW_LOG, "present", "capturing " + Maps.canonical(o.state()), Map.of()));
    }

    /**
     * A rough measure of what event selectors record, so narrowing shows as a smaller number: read and write
     * count two, one of them one, management events one, each data resource one.
     */
    private static int coverage(List<Object> selectors) {
        int total = 0;
        for (Object s : selectors) {
            String rw = Maps.text(s, "readWriteType");
            total += rw == null || "All".equals(rw) ? 2 : 1;
            total += Maps.at(s, "includeManagementEvents") == null || Maps.isTrue(s, "includeManagementEvents") ? 1 : 0;
            total += Maps.list(s, "dataResources").size();
        }
        return total;
    }

    /** A policy statement that allows every action ("*" or "service:*" for iam) on every resource. */
    private static boolean allowsEverything(Object document) {
        Object statements = Maps.at(document, "Statement");
        List<Object> list = statements instanceof List<?> l ? List.copyOf(l) : statements == null ? List.of() : List.of(statements);
        for (Object s : list) {
            if (!"Allow".equals(Maps.text(s, "Effect"))) {
                continue;
            }
            List<String> actions = values(Maps.at(s, "Action"));
            List<String> resources = values(Maps.at(s, "Resource"));
            if ((actions.contains("*") || actions.contains("iam:*")) && resources.contains("*")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> values(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(v.toString());
    }

    private static String protocol(String p) {
        return p == null || "-1".equals(p) ? "all" : p.toLowerCase(java.util.Locale.ROOT);
    }

    private static String ports(String protocol, Map<String, Object> rule) {
        String from = Maps.text(rule, "fromPort");
        String to = Maps.text(rule, "toPort");
        if ("all".equals(protocol) || (from == null && to == null)) {
            return "all-ports";
        }
        return from == null || from.equals(to) ? "port " + (from == null ? to : from) : "ports " + from + "-" + to;
    }

    private static String peer(Map<String, Object> rule) {
        for (String field : List.of("cidr", "sourceGroup", "prefixList")) {
            String v = Maps.text(rule, field);
            if (v != null) {
                return v;
            }
        }
        return "?";
    }
}
