package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as the plain values events carry (Map, List, String, Integer/Long, Double, Boolean), so that no
 * Jackson type leaks into the event contract. The depth is bounded by the reader's nesting limit.
 */
final class Plain {

    private Plain() {}

    static Object of(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            return map(n);
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                list.add(of(e));
            }
            return list;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            return n.canConvertToLong() ? (Object) n.longValue() : n.asText();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    static Map<String, Object> map(JsonNode n) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            map.put(e.getKey(), of(e.getValue()));
        }
        return map;
    }
}
