package io.driftwatch.ingest.cloudtrail;

import java.util.List;
import java.util.Map;

/**
 * CloudTrail trails (kind Trail, in the record's region, named by trail name): stopping or deleting the trail, or
 * narrowing what it records, is how an intruder hides the rest, so these are config changes rules can watch.
 */
final class LoggingChanges implements ChangeMapper {

    static final String KIND = "Trail";

    @Override
    public List<Change> changes(CloudTrailRecord r) {
        At q = r.request();
        return switch (r.eventName()) {
            case "StopLogging" -> Change.regional(r, KIND, trailName(r), "modify", Change.map("logging", false));
            case "StartLogging" -> Change.regional(r, KIND, trailName(r), "modify", Change.map("logging", true));
            case "DeleteTrail" -> Change.regional(r, KIND, trailName(r), "delete", null);
            case "CreateTrail" -> Change.regional(r, KIND, trailName(r), "create", requestFields(q));
            case "UpdateTrail" -> Change.regional(r, KIND, trailName(r), "modify", requestFields(q));
            case "PutEventSelectors" -> selectors(r, trailName(r), q);
            default -> List.of();
        };
    }

    /** Only the selector lists the request sets: PutEventSelectors replaces those and leaves the other kind. */
    private static List<Change> selectors(CloudTrailRecord r, String trail, At q) {
        Map<String, Object> after = Change.map();
        for (String field : List.of("eventSelectors", "advancedEventSelectors")) {
            if (!q.get(field).absent()) {
                after.put(field, Plain.of(q.get(field).node()));
            }
        }
        return after.isEmpty() ? List.of() : Change.regional(r, KIND, trail, "modify", after);
    }

    /** The request's fields but the trail's name, which names the object instead. */
    private static Map<String, Object> requestFields(At q) {
        Map<String, Object> fields = q.isObject() ? Plain.map(q.node()) : Change.map();
        fields.remove("name");
        return fields;
    }

    /** The trail's name; requests may give its ARN (arn:aws:cloudtrail:region:account:trail/name) instead. */
    static String trailName(CloudTrailRecord r) {
        String name = r.request().first("name", "trailName").text();
        if (name == null) {
            name = r.response().first("trailARN", "name").text();
        }
        if (name == null) {
            return null;
        }
        int slash = name.indexOf("trail/");
        return name.startsWith("arn:") && slash >= 0 ? name.substring(slash + "trail/".length()) : name;
    }
}
