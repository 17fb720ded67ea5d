package io.driftwatch.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** Says what Jackson stopped at, in an operator's terms rather than Jackson's. */
public final class JsonErrors {

    private static final Pattern EMBEDDED_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {}

    /**
     * Jackson's message, with the location it embeds ("[Source: REDACTED ...; line: 1, column: 4]") cut to
     * "line 1, column 4"; within an NDJSON line only the column means anything.
     */
    static String message(JsonProcessingException e, boolean withinLine) {
        return EMBEDDED_LOCATION.matcher(e.getOriginalMessage()).replaceAll(withinLine ? "column $2" : "line $1, column $2");
    }

    /** Which limit was hit, in {@link ReaderLimits} terms; Jackson's message names its own settings. */
    static String limitReason(StreamConstraintsException e, ReaderLimits limits) {
        String message = e.getOriginalMessage();
        if (message.startsWith("String value length")) {
            return "string value longer than the limit of " + limits.maxStringLength() + " characters";
        }
        if (message.startsWith("Name length")) {
            return "field name longer than the limit of " + limits.maxStringLength() + " characters";
        }
        if (message.startsWith("Document nesting depth")) {
            return "nested deeper than the limit of " + limits.maxNestingDepth() + " levels of objects and arrays";
        }
        return message(e, false);
    }

    /**
     * The dotted path, relative to the event, of the value where a limit was hit. A too-long field name has no
     * path of its own: the parser still names the field before it.
     */
    public static String limitPath(StreamConstraintsException e, JsonParser p, boolean eventInArray) {
        if (p == null || e.getOriginalMessage().startsWith("Name length")) {
            return "";
        }
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            chain.addFirst(c);
        }
        if (eventInArray) {
            chain.pollFirst();
        }
        if (e.getOriginalMessage().startsWith("Document nesting depth")) {
            // the parser enters the too-deep object or array before it checks the depth
            chain.pollLast();
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            } else if (c.getCurrentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(c.getCurrentName());
            }
        }
        return path.toString();
    }

    static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
