package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftwatch.event.Event;

/**
 * Applies one config change to an object's running state. Whole-object feeds (Kubernetes audit) replace it;
 * delta feeds (CloudTrail) modify fields or add and remove list items, so the running state of a security
 * group is its approved rules plus what was authorized minus what was revoked.
 */
final class ChangeApplier {

    /** List items that replace an earlier item with the same identity instead of joining it. */
    private static final Map<String, List<String>> IDENTITY = Map.of(
            "entries", List.of("ruleNumber", "egress"),
            "routes", List.of("destination"),
            "inlinePolicies", List.of("name"));

    private ChangeApplier() {
    }

    /** The state after the change, or {@link #UNKNOWN} when the change does not say what the object now is. */
    static Map<String, Object> apply(Map<String, Object> prior, Event.Config change) {
        Map<String, Object> after = change.after();
        return switch (change.change()) {
            case "delete" -> null;
            case "create", "update" -> after == null ? UNKNOWN : after;
            case "modify" -> modify(prior, after);
            case "add" -> addItems(prior, after);
            case "remove" -> removeItems(prior, after);
            default -> UNKNOWN;
        };
    }

    /** Marks a change whose content the feed left out (a Metadata-level audit record, a patch without response). */
    static final Map<String, Object> UNKNOWN = Map.of("__unknown__", true);

    private static Map<String, Object> modify(Map<String, Object> prior, Map<String, Object> fields) {
        Map<String, Object> next = prior == null ? new LinkedHashMap<>() : new LinkedHashMap<>(prior);
        if (fields != null) {
            next.putAll(fields);
        }
        return next;
    }

    private static Map<String, Object> addItems(Map<String, Object> prior, Map<String, Object> added) {
        Map<String, Object> next = prior == null ? new LinkedHashMap<>() : new LinkedHashMap<>(prior);
        if (added == null) {
            return next;
        }
        for (Map.Entry<String, Object> e : added.entrySet()) {
            List<Object> items = new ArrayList<>(Maps.list(next, e.getKey()));
            for (Object item : Maps.list(added, e.getKey())) {
                items.removeIf(present -> sameItem(e.getKey(), present, item));
                items.add(item);
            }
            next.put(e.getKey(), items);
        }
        return next;
    }

    private static Map<String, Object> removeItems(Map<String, Object> prior, Map<String, Object> removed) {
        Map<String, Object> next = prior == null ? new LinkedHashMap<>() : new LinkedHashMap<>(prior);
        if (removed == null) {
            return next;
        }
        for (Map.Entry<String, Object> e : removed.entrySet()) {
            List<Object> items = new ArrayList<>(Maps.list(next, e.getKey()));
            for (Object gone : Maps.list(removed, e.getKey())) {
                items.removeIf(present -> matches(present, gone));
            }
            next.put(e.getKey(), items);
        }
        return next;
    }

    private static boolean sameItem(String list, Object present, Object added) {
        List<String> identity = IDENTITY.get(list);
        if (identity == null || !(present instanceof Map) || !(added instanceof Map)) {
            return Maps.canonical(present).equals(Maps.canonical(added));
        }
        for (String field : identity) {
            if (!String.valueOf(Maps.at(present, field)).equals(String.valueOf(Maps.at(added, field)))) {
                return false;
            }
        }
        return true;
    }

    /** A removal names the item by some of its fields (a revoked rule, a deleted entry's number). */
    private static boolean matches(Object present, Object gone) {
        if (!(gone instanceof Map<?, ?> g) || !(present instanceof Map<?, ?> p)) {
            return Maps.canonical(present).equals(Maps.canonical(gone));
        }
        for (Map.Entry<?, ?> field : g.entrySet()) {
            if (field.getValue() != null && !field.getKey().equals("ruleId")
                    && !Maps.canonical(field.getValue()).equals(Maps.canonical(p.get(field.getKey())))) {
                return false;
            }
        }
        return true;
    }
}
