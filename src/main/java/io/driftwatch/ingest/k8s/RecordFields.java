package io.driftwatch.ingest.k8s;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one audit record's fields. A value of the wrong JSON type is a problem at its dotted path and
 * reads as absent; JSON null reads as absent. One instance per record.
 */
final class RecordFields {

    /** Longest part of a value echoed in a message: one huge value must not flood an error report. */
    private static final int ECHO_LIMIT = 80;

    record Problem(String field, String reason) {}

    private final List<Problem> problems = new ArrayList<>(2);

    List<Problem> problems() {
        return problems;
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    void problem(String field, String reason) {
        problems.add(new Problem(field, reason));
    }

    /** True when a problem was already reported at {@code field}, so "required" would only repeat it. */
    boolean covers(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    String string(Map<String, Object> m, String key, String path) {
        Object v = m == null ? null : m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        return wrongType(path, "a string", v);
    }

    /** A string that must be there and not blank. */
    String text(Map<String, Object> m, String key, String path) {
        String v = string(m, key, path);
        if (v == null) {
            required(path);
        } else if (v.isBlank()) {
            problem(path, "must not be blank");
            return null;
        }
        return v;
    }

    void required(String path) {
        if (!covers(path)) {
            problem(path, "required");
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Map<String, Object> m, String key, String path) {
        Object v = m == null ? null : m.get(key);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        return wrongType(path, "an object", v);
    }

    Long integer(Map<String, Object> m, String key, String path) {
        Object v = m == null ? null : m.get(key);
        if (v == null || v instanceof Integer || v instanceof Long) {
            return v == null ? null : ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            problem(path, "integer out of range: " + v);
            return null;
        }
        return wrongType(path, "an integer", v);
    }

    /** An array of strings; a non-string element is a problem at its index. */
    List<String> strings(Map<String, Object> m, String key, String path) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            return wrongType(path, "an array of strings", v);
        }
        List<String> values = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!(e instanceof String s)) {
                problem(path + "[" + values.size() + "]", "expected a string, got " + describe(e));
                return null;
            }
            values.add(s);
        }
        return values;
    }

    private <T> T wrongType(String path, String expected, Object v) {
        problem(path, "expected " + expected + ", got " + describe(v));
        return null;
    }

    /** The JSON type of a value as a person names it. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            return "decimal number";
        }
        return "integer";
    }

    /** A value quoted for a message. */
    static String quote(String value) {
        return "'" + (value.length() <= ECHO_LIMIT ? value
                : value.substring(0, ECHO_LIMIT) + "...(" + value.length() + " characters)") + "'";
    }
}
