package io.driftwatch.event;

import java.util.Locale;

/**
 * An active exception (POST /exceptions) as rules see it: a behaviour key, optionally one rule, accepted within a
 * scope until it expires. The enrichment rule in {@code rules/enrichment/exceptions.drl} suppresses the findings it
 * covers. Expiry is judged against the finding's event time, so a replay decides as live traffic did.
 */
public final class ExceptionEntry {

    /** What the exception is scoped to. */
    public enum Scope {
        /** One agent id. */
        AGENT,
        /** An agent group of {@code rules/allowlists}. */
        GROUP,
        /** A container image repository as events carry it, without tag or digest ({@code shop/web}). */
        WORKLOAD,
        /** A container image digest ({@code sha256:...}). */
        IMAGE;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Scope fromJson(String value) {
            for (Scope s : values()) {
                if (s.json().equals(value)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final String id;
    private final Scope scope;
    private final String scopeValue;
    private final String behaviourKey;
    private final String rule;
    private final long expiresAt;
    private final String ticket;

    public ExceptionEntry(String id, Scope scope, String scopeValue, String behaviourKey, String rule, long expiresAt,
                          String ticket) {
        this.id = id;
        this.scope = scope;
        this.scopeValue = scopeValue;
        this.behaviourKey = behaviourKey;
        this.rule = rule;
        this.expiresAt = expiresAt;
        this.ticket = ticket;
    }

    public String getId() { return id; }
    public Scope getScope() { return scope; }
    public String getScopeValue() { return scopeValue; }
    public String getBehaviourKey() { return behaviourKey; }
    /** Null: any rule raising this behaviour key. */
    public String getRule() { return rule; }
    public long getExpiresAt() { return expiresAt; }
    public String getTicket() { return ticket; }

    /** Before its expiry; a finding without an event time is judged as now-ish: covered. */
    public boolean activeAt(long time) {
        return time < expiresAt;
    }

    /** The finding's behaviour key (and rule, when set) is this exception's, and it lies within the scope. */
    public boolean covers(Finding f) {
        if (!behaviourKey.equals(f.getBehaviourKey()) || (rule != null && !rule.equals(f.getRule()))) {
            return false;
        }
        return switch (scope) {
            case AGENT -> scopeValue.equals(f.getAgentId());
            case GROUP -> f.getAgentGroups().contains(scopeValue);
            case WORKLOAD, IMAGE -> f.getCited().stream().anyMatch(this::inScope);
        };
    }

    /** Whether the event behind one piece of evidence ran in the scope's workload or image. */
    private boolean inScope(Object cited) {
        Event e = cited instanceof Event ev ? ev
                : cited instanceof Novelty n ? n.getEvent()
                : cited instanceof ConfigDrift d ? d.getEvent()
                : cited instanceof ResourceSample s ? s.getEvent()
                : cited instanceof ApiRate r ? r.getEvent() : null;
        Event.Container c = e == null ? null : e.container();
        if (c == null) {
            return false;
        }
        return scope == Scope.IMAGE ? scopeValue.equalsIgnoreCase(c.imageDigest()) : scopeValue.equals(repository(c.image()));
    }

    /** An image reference without its digest and tag: {@code shop/web:1.4@sha256:...} is {@code shop/web}. */
    public static String repository(String image) {
        if (image == null) {
            return null;
        }
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    @Override
    public String toString() {
        return "ExceptionEntry[" + id + " " + scope.json() + "=" + scopeValue + " " + behaviourKey + "]";
    }
}
