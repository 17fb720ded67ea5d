package io.driftwatch.event;

import java.util.List;
import java.util.Map;

/**
 * One aspect of a configuration object whose running state differs from its approved state, raised by the
 * change that made it differ. {@code aspect} names what kind of setting it is ({@code rbac-grant},
 * {@code ingress}, {@code image}, {@code runtime}, {@code service-exposure}, {@code network-policy},
 * {@code admission-webhook}, {@code admission-policy}, {@code pod-security}, {@code audit-logging},
 * {@code flow-log}, {@code iam-policy}, ...); {@code key} names the setting within the object.
 * {@code approved} and {@code observed} are the setting's values in words, null where the setting is absent;
 * {@code attributes} are the observed setting's parts (or the approved one's when it was removed) for rules
 * to test. The methods below answer the domain questions the shipped drift rules ask.
 */
public final class ConfigDrift implements Deviation {

    /** How the running setting relates to the approved one. */
    public enum Change { ADDED, REMOVED, CHANGED }

    private final String agentId;
    private final long timestamp;
    private final Event event;
    private final String objectKind;
    private final String objectId;
    private final String namespace;
    private final String aspect;
    private final String key;
    private final String approved;
    private final String observed;
    private final Map<String, Object> attributes;
    private final Map<String, Object> approvedAttributes;

    /** @param event the config event that made the object differ (for a binding, possibly its role's change) */
    public ConfigDrift(Event event, String objectKind, String objectId, String namespace, String aspect, String key,
                       String approved, String observed, Map<String, Object> attributes,
                       Map<String, Object> approvedAttributes) {
        this.agentId = event.agentId();
        this.timestamp = event.timeMillis();
        this.event = event;
        this.objectKind = objectKind;
        this.objectId = objectId;
        this.namespace = namespace;
        this.aspect = aspect;
        this.key = key;
        this.approved = approved;
        this.observed = observed;
        this.attributes = attributes == null ? Map.of() : attributes;
        this.approvedAttributes = approvedAttributes == null ? Map.of() : approvedAttributes;
    }

    public String getAgentId() { return agentId; }
    public long getTimestamp() { return timestamp; }
    /** The config event whose change made the object differ. */
    public Event getEvent() { return event; }
    public String getObjectKind() { return objectKind; }
    public String getObjectId() { return objectId; }
    /** Kubernetes namespace or cloud region of the object; null when cluster- or account-wide. */
    public String getNamespace() { return namespace; }
    public String getAspect() { return aspect; }
    public String getKey() { return key; }
    public String getApproved() { return approved; }
    public String getObserved() { return observed; }
    public Map<String, Object> getAttributes() { return attributes; }
    public Map<String, Object> getApprovedAttributes() { return approvedAttributes; }
    /** Who made the change, as the feed names them. */
    public String getActor() { return event.config().actor(); }

    public Change getChange() {
        return approved == null ? Change.ADDED : observed == null ? Change.REMOVED : Change.CHANGED;
    }

    public boolean isAdded() { return approved == null; }
    public boolean isRemoved() { return observed == null; }
    /** Added or changed: the running state has something the approved state does not. */
    public boolean isIntroduced() { return observed != null; }

    /** The behaviour key alerts cite: one drifting setting of one object. Its return to approved closes them. */
    public String getBehaviourKey() {
        return behaviourKey(objectKind, objectId, key);
    }

    public static String behaviourKey(String objectKind, String objectId, String key) {
        return "config:" + objectKind + "/" + objectId + "#" + key;
    }

    public String text(String attribute) {
        Object v = attributes.get(attribute);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String attribute) {
        Object v = attributes.get(attribute);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    public boolean flag(String attribute) {
        return Boolean.TRUE.equals(attributes.get(attribute));
    }

    // --- privilege escalation (aspect rbac-grant, iam-policy) ---

    private static final java.util.Set<String> ADMIN_ROLES = java.util.Set.of("cluster-admin", "admin",
            "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess");

    /** Grants cluster-admin or admin, or attaches an AWS administrator policy. */
    public boolean isAdminRole() {
        String role = text("role");
        String policy = text("policy");
        return (role != null && ADMIN_ROLES.contains(role)) || (policy != null && ADMIN_ROLES.contains(policy));
    }

    /** A wildcard verb or resource (Kubernetes), or Action "*" / "service:*" on Resource "*" (IAM). */
    public boolean isWildcard() {
        return list("verbs").contains("*") || list("resources").contains("*") || flag("wildcard");
    }

    public boolean grantsVerb(String verb) {
        return list("verbs").contains(verb) || list("verbs").contains("*");
    }

    public boolean grantsResource(String resource) {
        return list("resources").contains(resource) || list("resources").contains("*");
    }

    /** escalate, bind or impersonate: verbs that let a subject give itself more. */
    public boolean isEscalation() {
        List<String> verbs = list("verbs");
        return verbs.contains("escalate") || verbs.contains("bind") || verbs.contains("impersonate");
    }

    public boolean readsSecrets() {
        return grantsResource("secrets") && (grantsVerb("get") || grantsVerb("list") || grantsVerb("watch"));
    }

    public boolean execsIntoPods() {
        return (grantsResource("pods/exec") || grantsResource("pods/*")) && (grantsVerb("create") || grantsVerb("get"));
    }

    // --- network exposure (aspect ingress, nacl-entry, service-exposure) ---

    /** How far the source range reaches: internet, public-range, public-host, private or unknown. */
    public String getReach() {
        return AddressReach.of(text("cidr"));
    }

    /** The whole internet or a wide public range: a /0 whatever its address (anonymised logs), or a short prefix. */
    public boolean isPublicSource() {
        String reach = getReach();
        return AddressReach.INTERNET.equals(reach) || AddressReach.PUBLIC_RANGE.equals(reach);
    }

    /** Whether the rule's port range (all ports when the protocol is "all" or no range is given) meets a port. */
    public boolean coversAnyPort(java.util.Collection<String> ports) {
        for (String p : ports) {
            try {
                if (coversPort(Integer.parseInt(p.trim()))) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a non-numeric entry in an analyst's list matches nothing
            }
        }
        return false;
    }

    public boolean coversPort(int port) {
        if ("all".equals(text("protocol")) || "-1".equals(text("protocol"))) {
            return true;
        }
        Object from = attributes.get("fromPort");
        Object to = attributes.get("toPort");
        if (!(from instanceof Number) && !(to instanceof Number)) {
            return true;
        }
        int lo = from instanceof Number n ? n.intValue() : ((Number) to).intValue();
        int hi = to instanceof Number n ? n.intValue() : lo;
        return (lo <= port && port <= hi) || lo == -1;
    }

    // --- supply chain (aspect image, runtime) ---

    /** The approved image is pinned by digest; the running one names only a tag. */
    public boolean isTagWhereDigestApproved() {
        return approvedAttributes.get("digest") != null && attributes.get("digest") == null && observed != null;
    }

    // --- policy bypass (aspect admission-webhook, admission-policy, pod-security, audit-logging, flow-log) ---

    private static final List<String> POD_SECURITY_LEVELS = List.of("privileged", "baseline", "restricted");

    /** A failure policy that admits what it cannot check. */
    public boolean isFailOpen() {
        return "Ignore".equals(observed) && "failurePolicy".equals(text("setting") == null ? key : text("setting"));
    }

    /** Event selectors that now record less than approved (see the coverage measure of the trail items). */
    public boolean isCoverageReduced() {
        return observed != null && number("coverage", attributes) < number("coverage", approvedAttributes);
    }

    /** A pod-security level below the approved one; an absent label is as weak as privileged. */
    public boolean isPodSecurityLowered() {
        int approvedRank = POD_SECURITY_LEVELS.indexOf(approved == null ? "privileged" : approved);
        int observedRank = POD_SECURITY_LEVELS.indexOf(observed == null ? "privileged" : observed);
        return observedRank < approvedRank;
    }

    /** An admission selector that now needs more of a namespace or object, so fewer are checked. */
    public boolean isSelectorNarrowed() {
        return number("requirements", attributes) > number("requirements", approvedAttributes);
    }

    private static int number(String name, Map<String, Object> from) {
        return from.get(name) instanceof Number n ? n.intValue() : 0;
    }

    /** The object in words: {@code ClusterRoleBinding ops-admin}. */
    public String getObject() {
        return objectKind + " " + objectId;
    }

    @Override
    public String toString() {
        return "ConfigDrift[" + agentId + " " + getBehaviourKey() + " approved=" + approved + " observed=" + observed + "]";
    }
}
