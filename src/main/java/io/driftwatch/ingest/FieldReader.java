package io.driftwatch.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads the value under the parser's current token as the JSON type a field expects. A value of another type
 * is reported as a problem at the field's path and skipped, and the read returns null; JSON null reads as
 * absent. One instance per event.
 */
final class FieldReader {

    /** Longest part of a value echoed in a message: one huge value must not flood an error report. */
    private static final int ECHO_LIMIT = 80;

    final JsonParser parser;
    final FieldProblems problems;
    private final ObjectReader mapReader;

    FieldReader(JsonParser parser, FieldProblems problems, ObjectReader mapReader) {
        this.parser = parser;
        this.problems = problems;
        this.mapReader = mapReader;
    }

    /** The next field name of the current object, the parser moved to its value; null at the object's end. */
    String nextField() throws IOException {
        String name = parser.nextFieldName();
        if (name != null) {
            parser.nextToken();
        }
        return name;
    }

    /** Skips the current value, however deep. */
    void skip() throws IOException {
        parser.skipChildren();
    }

    String string(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return wrongType(path, "a string", t);
    }

    Long integer(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                problems.add(path, "integer out of range: " + cut(parser.getText()));
                return null;
            }
            return parser.getLongValue();
        }
        return wrongType(path, "an integer", t);
    }

    /** An integer that must lie in [min, max]. */
    Integer integer(String path, long min, long max) throws IOException {
        Long value = integer(path);
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            problems.add(path, "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value.intValue();
    }

    /** A positive int: a count or a duration. */
    Integer positive(String path) throws IOException {
        Long value = integer(path);
        if (value == null) {
            return null;
        }
        if (value <= 0 || value > Integer.MAX_VALUE) {
            problems.add(path, (value <= 0 ? "must be greater than 0" : "must be at most " + Integer.MAX_VALUE) + ", got " + value);
            return null;
        }
        return value.intValue();
    }

    Long nonNegative(String path) throws IOException {
        Long value = integer(path);
        if (value != null && value < 0) {
            problems.add(path, "must not be negative, got " + value);
            return null;
        }
        return value;
    }

    Double number(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        return wrongType(path, "a number", t);
    }

    /** True when the current value is an object to read field by field; false (and skipped) otherwise. */
    boolean object(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        wrongType(path, "an object", t);
        return false;
    }

    List<String> strings(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.START_ARRAY) {
            return wrongType(path, "an array of strings", t);
        }
        List<String> values = new ArrayList<>();
        boolean valid = true;
        for (t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                // a null element is as wrong as a number: the list would carry a hole
                valid = false;
                problems.add(path + "[" + values.size() + "]", "expected a string, got " + describe(t));
                parser.skipChildren();
                values.add(null);
            }
        }
        return valid ? Collections.unmodifiableList(values) : null;
    }

    /** A free-form object: nested values become Map, List, String, Number, Boolean or null. */
    Map<String, Object> map(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return mapReader.readValue(parser);
        }
        return wrongType(path, "an object", t);
    }

    private <T> T wrongType(String path, String expected, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NULL) {
            problems.add(path, "expected " + expected + ", got " + describe(t));
            parser.skipChildren();
        }
        return null;
    }

    /** A value quoted for a message. */
    static String quote(String value) {
        return "'" + cut(value) + "'";
    }

    private static String cut(String value) {
        return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "...(" + value.length() + " characters)";
    }

    static String describe(JsonToken t) {
        return JsonTypes.describe(t);
    }
}
