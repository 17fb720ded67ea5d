package io.driftwatch.baseline;

import io.driftwatch.event.BehaviourKind;

/** A behaviour key as an analyst writes it: {@code kind:key}, e.g. {@code lineage:/usr/bin/python3 -> /bin/bash}. */
public record BehaviourKey(BehaviourKind kind, String key) {

    public static BehaviourKey parse(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        BehaviourKind kind = BehaviourKind.fromJson(text.substring(0, colon));
        return kind == null ? null : new BehaviourKey(kind, text.substring(colon + 1));
    }

    public String text() {
        return kind.json() + ":" + key;
    }
}
