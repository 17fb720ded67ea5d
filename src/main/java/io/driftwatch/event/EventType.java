package io.driftwatch.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of normalized event Driftwatch accepts; the JSON value is the lower-case name. */
public enum EventType {
    PROCESS, NETWORK, MODULE, API, RESOURCE, CONFIG;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType fromJson(String value) {
        for (EventType t : values()) {
            if (t.json().equals(value)) {
                return t;
            }
        }
        return null;
    }

    public static List<String> known() {
        return Arrays.stream(values()).map(EventType::json).toList();
    }
}
