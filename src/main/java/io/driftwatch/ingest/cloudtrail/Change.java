package io.driftwatch.ingest.cloudtrail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration change a record makes, before it becomes an event: see {@code Event.Config} for what
 * {@code change} and {@code after} mean.
 *
 * @param namespace the region for regional objects, null for account-wide ones (IAM)
 */
record Change(String kind, String namespace, String name, String change, Map<String, Object> after) {

    /** Unique per account: region/name for regional objects. */
    String id() {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** A change to an object of the record's region; none when the object's name is unknown. */
    static List<Change> regional(CloudTrailRecord r, String kind, String name, String change, Map<String, Object> after) {
        return isBlank(name) ? List.of() : List.of(new Change(kind, r.region(), name, change, after));
    }

    /** A change to an account-wide object; none when the object's name is unknown. */
    static List<Change> global(String kind, String name, String change, Map<String, Object> after) {
        return isBlank(name) ? List.of() : List.of(new Change(kind, null, name, change, after));
    }

    /** An ordered map of key, value pairs; values may be null (a field the record did not give). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
