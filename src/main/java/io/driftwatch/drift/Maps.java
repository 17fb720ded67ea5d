package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading the nested maps and lists JSON and YAML objects arrive as, without a cast at every step. */
final class Maps {

    private Maps() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object from, String... path) {
        Object at = at(from, path);
        return at instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object from, String... path) {
        Object at = at(from, path);
        return at instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object from, String... path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(from, path)) {
            if (o instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    static String text(Object from, String... path) {
        Object at = at(from, path);
        return at == null || at instanceof Map || at instanceof List ? null : at.toString();
    }

    static List<String> texts(Object from, String... path) {
        List<String> out = new ArrayList<>();
        for (Object o : list(from, path)) {
            if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                out.add(o.toString());
            }
        }
        return out;
    }

    static boolean isTrue(Object from, String... path) {
        Object at = at(from, path);
        return Boolean.TRUE.equals(at) || "true".equals(at);
    }

    static Object at(Object from, String... path) {
        Object at = from;
        for (String p : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(p);
        }
        return at;
    }

    /** A stable text for a value: map keys sorted, so equal objects read equal whatever their key order. */
    static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                out.append(first ? "" : ",").append(e.getKey()).append('=');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(l.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }
}
