package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value inside a record together with its dotted path ({@code requestParameters.ipPermissions.items[0]}), so
 * that a value that cannot be read is rejected with the place it came from. JSON null reads as absent.
 */
record At(JsonNode node, String path) {

    /** Longest part of a value echoed in a reason: one huge value must not flood an error report. */
    private static final int ECHO_LIMIT = 80;

    At {
        node = node == null ? MissingNode.getInstance() : node;
    }

    At get(String name) {
        return new At(node.isObject() ? node.get(name) : null, path.isEmpty() ? name : path + "." + name);
    }

    /** The first of the names the object holds; the last one (absent) when it holds none. */
    At first(String... names) {
        for (String name : names) {
            At at = get(name);
            if (!at.absent()) {
                return at;
            }
        }
        return get(names[names.length - 1]);
    }

    boolean absent() {
        return node.isMissingNode() || node.isNull();
    }

    boolean isObject() {
        return node.isObject();
    }

    /** A string; numbers and booleans are taken as their text (logs are not consistent about ids' JSON types). */
    String text() {
        if (absent()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        throw wrongType("a string");
    }

    String text(String name) {
        return get(name).text();
    }

    /** An integer in [min, max]; CloudTrail logs some ports as strings ("443"), so numeric strings are read too. */
    Integer integer(long min, long max) {
        if (absent()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.asText().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText().strip());
        } else if (node.isTextual() && node.asText().isBlank()) {
            return null;
        } else {
            throw node.isTextual() ? new BadField(path, "expected an integer, got " + quote(node.asText()))
                    : wrongType("an integer");
        }
        if (value < min || value > max) {
            throw new BadField(path, "must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** A boolean, also as the strings true/false, or wrapped as EC2 logs attribute values: {"value": true}. */
    Boolean bool() {
        if (absent()) {
            return null;
        }
        if (node.isObject() && node.has("value")) {
            return get("value").bool();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw node.isTextual() ? new BadField(path, "expected a boolean, got " + quote(node.asText())) : wrongType("a boolean");
    }

    /**
     * The elements of a list as CloudTrail writes lists: a JSON array, EC2's {"items": [...]} (or {"item": ...}
     * from XML), an empty object for an empty list, or a lone value for a list of one.
     */
    List<At> items() {
        if (absent()) {
            return List.of();
        }
        if (node.isArray()) {
            List<At> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(new At(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (node.isObject()) {
            if (node.has("items")) {
                return get("items").items();
            }
            if (node.has("item")) {
                return get("item").items();
            }
            if (node.isEmpty()) {
                return List.of();
            }
        }
        return List.of(this);
    }

    /**
     * The strings of a list of ids: strings themselves, objects holding the id under {@code key}, or EC2's
     * XML-derived {"content": id, "tag": 1}.
     */
    List<String> texts(String key) {
        List<String> texts = new ArrayList<>();
        for (At item : items()) {
            String text = item.isObject() ? item.first(key, "content").text() : item.text();
            if (text != null && !text.isBlank()) {
                texts.add(text);
            }
        }
        return texts;
    }

    BadField wrongType(String expected) {
        return new BadField(path, "expected " + expected + ", got " + describe(node));
    }

    /** The JSON type of a value as a person names it (the same words as the event reader). */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "decimal number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isNull() ? "null" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String quote(String value) {
        return "'" + (value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "...(" + value.length()
                + " characters)") + "'";
    }
}
