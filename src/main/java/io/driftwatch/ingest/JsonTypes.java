package io.driftwatch.ingest;

import com.fasterxml.jackson.core.JsonToken;

/** The JSON type of a token as a person names it; every reader of this service words type errors with it. */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT -> "integer";
            case VALUE_NUMBER_FLOAT -> "decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
