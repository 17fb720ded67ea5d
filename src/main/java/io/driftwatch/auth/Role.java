package io.driftwatch.auth;

import java.util.Locale;

/**
 * What a token may do. {@code ingest}: send events, feeds and deployment records. {@code analyst}: read alerts,
 * baselines, rules and configuration, and act on alerts. {@code admin}: everything, including rules, approved
 * configuration, deployment-chain acknowledgments and tokens.
 */
public enum Role {
    INGEST, ANALYST, ADMIN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Role fromJson(String value) {
        for (Role r : values()) {
            if (r.json().equals(value)) {
                return r;
            }
        }
        return null;
    }
}
