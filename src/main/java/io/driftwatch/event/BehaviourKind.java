package io.driftwatch.event;

import java.util.Locale;

/** What a baseline learns per agent. A behaviour key is written {@code kind:key}, e.g. {@code lineage:/usr/bin/python3 -> /bin/bash}. */
public enum BehaviourKind {
    /** parent executable -> child executable */
    LINEAGE,
    /** outbound destination: the domain when the feed names one, else the IPv4 /24 (IPv6 /64) */
    DESTINATION,
    /** module hash as loaded by one executable: {@code /usr/bin/python3 loads <sha256>} */
    MODULE,
    /** API operation by one principal: {@code <principal> <operation>} */
    API_OPERATION;

    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BehaviourKind fromJson(String value) {
        for (BehaviourKind k : values()) {
            if (k.json().equals(value)) {
                return k;
            }
        }
        return null;
    }
}
