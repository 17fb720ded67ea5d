package io.driftwatch.ingest;

import java.util.ArrayList;
import java.util.List;

/** The field problems found in one event, in the order found. Allocates nothing for a good event. */
final class FieldProblems {

    record Problem(String field, String reason) {}

    private List<Problem> list;

    void add(String field, String reason) {
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(new Problem(field, reason));
    }

    boolean isEmpty() {
        return list == null || list.isEmpty();
    }

    /** True when a problem was already reported at {@code field} or below it, so "required" would only repeat it. */
    boolean covers(String field) {
        if (list != null) {
            for (Problem p : list) {
                if (within(p.field(), field)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Forgets problems in a part the event's type does not use: that part is dropped, so they do not matter. */
    void forget(String part) {
        if (list != null) {
            list.removeIf(p -> within(p.field(), part));
        }
    }

    List<Problem> list() {
        return list == null ? List.of() : list;
    }

    private static boolean within(String field, String part) {
        return field.startsWith(part)
                && (field.length() == part.length() || field.charAt(part.length()) == '.' || field.charAt(part.length()) == '[');
    }
}
