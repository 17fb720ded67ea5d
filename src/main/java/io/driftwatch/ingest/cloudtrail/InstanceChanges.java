package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ModifyInstanceAttribute (kind Instance, named by instance id): the attributes set, as {@code modify} carries
 * them. CloudTrail wraps most values as {"value": x}; the security groups come as groupSet.items[].groupId.
 */
final class InstanceChanges {

    static final String KIND = "Instance";

    private static final Set<String> BOOLEANS = Set.of("sourceDestCheck", "disableApiTermination", "disableApiStop",
            "ebsOptimized", "enaSupport");

    private InstanceChanges() {}

    static List<Change> attributes(CloudTrailRecord r) {
        At request = r.request();
        if (!request.isObject()) {
            return List.of();
        }
        Map<String, Object> after = Change.map();
        String attribute = request.text("attribute");
        for (Map.Entry<String, JsonNode> field : request.node().properties()) {
            String name = field.getKey();
            At value = request.get(name);
            switch (name) {
                case "instanceId", "dryRun", "attribute" -> { }
                case "groupSet" -> after.put("groups", value.texts("groupId"));
                // the older form names the attribute and gives its value apart
                case "value" -> {
                    if (attribute != null) {
                        after.put(attribute, value(attribute, value));
                    }
                }
                default -> after.put(name, value(name, value));
            }
        }
        if (after.isEmpty()) {
            return List.of();
        }
        return Change.regional(r, KIND, request.text("instanceId"), "modify", after);
    }

    private static Object value(String attribute, At value) {
        if (BOOLEANS.contains(attribute)) {
            return value.bool();
        }
        JsonNode node = value.node();
        if (node.isObject() && node.size() == 1 && node.has("value")) {
            return Plain.of(node.get("value"));
        }
        return Plain.of(node);
    }
}
