package io.driftwatch.ingest.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value into Maps, Lists, Strings, Numbers, Booleans and nulls, checking the record's nesting
 * and string limits itself rather than leaving them to Jackson: a Jackson limit breaks the parser, so in an
 * array or EventList it would cost every later record too; here a too-deep value is skipped, a too-long string
 * dropped, the record is marked bad and the parser stays usable. No recursion, so a deep value costs no stack.
 */
final class BoundedJson {

    /** The value read, and the first limit it broke (null field and reason when none). */
    record Value(Object value, String field, String reason) {
        boolean ok() {
            return reason == null;
        }
    }

    private final int maxDepth;
    private final int maxString;

    /**
     * @param maxDepth  levels of objects and arrays in one record, the record object itself being level 1
     * @param maxString characters in one string value or field name
     */
    BoundedJson(int maxDepth, int maxString) {
        this.maxDepth = maxDepth;
        this.maxString = maxString;
    }

    String depthReason() {
        return "nested deeper than the limit of " + maxDepth + " levels of objects and arrays";
    }

    /**
     * Reads the value whose first token is the parser's current one, leaving the parser on its last token.
     *
     * @param outerLevels the levels of the record that enclose the value (0 for the record itself)
     * @param path        the value's dotted path in the record ("" for the record itself)
     */
    Value read(JsonParser p, int outerLevels, String path) throws IOException {
        Deque<Frame> open = new ArrayDeque<>();
        String field = null;
        String reason = null;
        JsonToken t = p.currentToken();
        while (true) {
            Object value = null;
            switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    if (outerLevels + open.size() < maxDepth) {
                        open.push(new Frame(t == JsonToken.START_OBJECT));
                        t = p.nextToken();
                        continue;
                    }
                    if (reason == null) {
                        field = path(path, open, true);
                        reason = depthReason();
                    }
                    p.skipChildren();
                }
                case FIELD_NAME -> {
                    String name = p.currentName();
                    if (name.length() > maxString && reason == null) {
                        field = path(path, open, false);
                        reason = "field name longer than the limit of " + maxString + " characters";
                    }
                    open.peek().name = name;
                    t = p.nextToken();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> value = open.pop().container;
                case VALUE_STRING -> {
                    // the length is known before a String is made: a huge value is never copied
                    if (p.getTextLength() <= maxString) {
                        value = p.getText();
                    } else if (reason == null) {
                        field = path(path, open, true);
                        reason = "string value longer than the limit of " + maxString + " characters";
                    }
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = p.getNumberValue();
                case VALUE_TRUE -> value = Boolean.TRUE;
                case VALUE_FALSE -> value = Boolean.FALSE;
                default -> value = null;
            }
            if (open.isEmpty()) {
                return new Value(reason == null ? value : null, field, reason);
            }
            open.peek().add(value);
            t = p.nextToken();
        }
    }

    /** The dotted path of the slot being filled; without the innermost slot, of the object being read. */
    private static String path(String start, Deque<Frame> open, boolean withSlot) {
        StringBuilder path = new StringBuilder(start);
        for (Iterator<Frame> it = open.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (!withSlot && !it.hasNext()) {
                break;
            }
            if (f.map != null) {
                path.append(path.isEmpty() ? "" : ".").append(f.name);
            } else {
                path.append('[').append(f.list.size()).append(']');
            }
        }
        return path.toString();
    }

    /** An object or array being filled. */
    private static final class Frame {
        final Map<String, Object> map;
        final List<Object> list;
        final Object container;
        String name;

        Frame(boolean object) {
            map = object ? new LinkedHashMap<>() : null;
            list = object ? null : new ArrayList<>();
            container = object ? map : list;
        }

        void add(Object value) {
            if (map != null) {
                map.put(name, value);
            } else {
                list.add(value);
            }
        }
    }
}
