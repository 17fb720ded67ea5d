package io.driftwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of one feed record's fields, parsed as a tree. A value of the wrong type is a problem at its
 * dotted path and reads as absent; JSON null, and the placeholder a sensor writes for "not available", read as
 * absent. One instance per record.
 */
public final class NodeFields {

    /** Longest part of a value echoed in a reason: one huge value must not flood an error report. */
    private static final int ECHO_LIMIT = 80;

    private final List<Mapped.Problem> problems = new ArrayList<>(2);
    private final String placeholder;

    /** @param placeholder what the sensor writes for "not available" (Falco {@code <NA>}, Sysmon {@code -}); or null */
    public NodeFields(String placeholder) {
        this.placeholder = placeholder;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public Mapped rejected() {
        return Mapped.rejected(problems);
    }

    public void problem(String field, String reason) {
        problems.add(new Mapped.Problem(field, reason));
    }

    /** Reports a missing value, unless a problem with that value was reported already. */
    public void required(String field, String reason) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) {
            problem(field, reason);
        }
    }

    /**
     * The agent of a record: the host it names, else the one the request named ({@code ?agent=}). Bounded like the
     * event contract's agentId; with neither, a problem at {@code field}.
     */
    public String agent(String named, String requested, String field, String what) {
        String agent = named != null ? named : requested;
        if (agent == null) {
            required(field, "required: " + what + " is the agent; name it with ?agent= when the records do not");
        } else if (agent.length() > EventObjectParser.MAX_ID_LENGTH) {
            problem(named != null ? field : "", "the agent id must be at most " + EventObjectParser.MAX_ID_LENGTH
                    + " characters, got " + agent.length());
            return null;
        }
        return agent;
    }

    /** The value under {@code key}, or null when it is absent, JSON null, or the placeholder for "not available". */
    public JsonNode at(JsonNode parent, String key) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode v = parent.get(key);
        if (v == null || v.isNull() || v.isTextual() && v.textValue().equals(placeholder)) {
            return null;
        }
        return v;
    }

    public JsonNode object(JsonNode parent, String key, String path) {
        JsonNode v = at(parent, key);
        if (v == null || v.isObject()) {
            return v;
        }
        return wrongType(path, "an object", v);
    }

    /** A string; numbers and booleans are taken as their text, since sensors are not consistent about ids' types. */
    public String text(JsonNode parent, String key, String path) {
        JsonNode v = at(parent, key);
        if (v == null) {
            return null;
        }
        if (v.isValueNode()) {
            String s = v.asText();
            return s.isBlank() ? null : s;
        }
        return wrongType(path, "a string", v);
    }

    /** An integer in [min, max]; Windows event logs write numbers as strings ("443"), so numeric strings are read too. */
    public Long integer(JsonNode parent, String key, String path, long min, long max) {
        JsonNode v = at(parent, key);
        if (v == null) {
            return null;
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.longValue();
        } else if (v.isTextual() && v.textValue().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(v.textValue().strip());
        } else if (v.isTextual()) {
            problem(path, "expected an integer, got " + quote(v.textValue()));
            return null;
        } else {
            return wrongType(path, "an integer", v);
        }
        if (value < min || value > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value;
    }

    public Integer port(JsonNode parent, String key, String path) {
        Long v = integer(parent, key, path, 0, EventParts.MAX_PORT);
        return v == null ? null : v.intValue();
    }

    public Long pid(JsonNode parent, String key, String path) {
        return integer(parent, key, path, 0, Long.MAX_VALUE);
    }

    /** A boolean, also as the strings true and false (Windows event logs write them so). */
    public Boolean bool(JsonNode parent, String key, String path) {
        JsonNode v = at(parent, key);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        return wrongType(path, "a boolean", v);
    }

    /** An RFC 3339 time with an offset ({@code 2026-11-20T10:00:00.123456789Z}). */
    public Instant time(JsonNode parent, String key, String path) {
        String text = text(parent, key, path);
        if (text == null) {
            return null;
        }
        Instant t = InstantParser.parse(text);
        if (t == null) {
            problem(path, "expected an RFC 3339 time such as 2026-11-20T10:00:00Z, got " + quote(text));
        }
        return t;
    }

    /** A SHA-256 digest as 64 hex characters, lower-cased so allowlists and baselines compare it as a string. */
    public String sha256(String value, String path) {
        if (value == null) {
            return null;
        }
        String hex = value.strip();
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            problem(path, "expected a SHA-256 digest (64 hex characters), got " + quote(value));
            return null;
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private <T> T wrongType(String path, String expected, JsonNode v) {
        problem(path, "expected " + expected + ", got " + describe(v));
        return null;
    }

    /** The JSON type of a value as a person names it (the same words as the event reader). */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        } else if (n.isObject()) {
            return "object";
        } else if (n.isArray()) {
            return "array";
        } else if (n.isTextual()) {
            return "string";
        } else if (n.isIntegralNumber()) {
            return "integer";
        } else if (n.isNumber()) {
            return "decimal number";
        } else if (n.isBoolean()) {
            return "boolean";
        }
        return n.isNull() ? "null" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    public static String quote(String value) {
        return "'" + (value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "...(" + value.length()
                + " characters)") + "'";
    }
}
