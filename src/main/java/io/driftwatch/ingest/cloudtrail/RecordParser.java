package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.ingest.JsonErrors;
import io.driftwatch.ingest.JsonTypes;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one record, already framed, into a tree under the reader's limits, and words what went wrong the way the
 * event reader does. A CloudTrail record nests deeper than a normalized event (requestParameters.ipPermissions
 * .items[].ipRanges.items[] is eight levels), so it may nest two levels more than {@link ReaderLimits} allows.
 */
final class RecordParser {

    /** How much deeper than {@link ReaderLimits#maxNestingDepth()} a record may nest. */
    static final int EXTRA_DEPTH = 2;

    private static final Pattern EMBEDDED_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    /** Where a slice starts in the body, so that positions are given in the body's terms; only the column for NDJSON. */
    record Origin(int line, int column, boolean isNdjson) {
        static Origin json(int line, int column) {
            return new Origin(line, column, false);
        }

        static Origin ndjsonLine() {
            return new Origin(1, 1, true);
        }
    }

    /**
     * The parsed record, or the problem that kept it from being read; {@code malformed} when that problem is a
     * syntax error, after which a JSON body cannot be trusted to be framed right.
     */
    record Parsed(JsonNode record, BadField problem, boolean malformed) {}

    private final ReaderLimits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    RecordParser(ReaderLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    int maxDepth() {
        return limits.maxNestingDepth() + EXTRA_DEPTH;
    }

    /**
     * @param notObject what to say when the value is no object ("expected a JSON object, got " + its type)
     */
    Parsed parse(byte[] body, int offset, int length, Origin origin, String notObject) {
        JsonParser p = null;
        try {
            p = factory.createParser(body, offset, length);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return problem("", notObject + describe(t) + (t == JsonToken.START_ARRAY && origin.isNdjson()
                        ? " (NDJSON takes one record per line; send an array as JSON)" : ""));
            }
            JsonNode record = mapper.readTree(p);
            if (p.nextToken() != null) {
                return malformed("unexpected content after the record object at " + where(p.currentTokenLocation(), origin)
                        + (origin.isNdjson() ? " (NDJSON takes one object per line)" : ""));
            }
            return new Parsed(record, null, false);
        } catch (StreamConstraintsException e) {
            return problem(limitPath(e, p), limitReason(e));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                return problem(limitPath(limit, p), limitReason(limit));
            }
            return malformed("malformed JSON at " + where(e.getLocation(), origin) + ": " + message(e, origin));
        } catch (IOException e) {
            return problem("", "unreadable: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    /** A JSON document held in a string (an IAM policy), under the same limits; null when it is not an object. */
    JsonNode document(String text) {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonNode node = mapper.readTree(p);
            return p.nextToken() == null ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Parsed problem(String field, String reason) {
        return new Parsed(null, new BadField(field, reason), false);
    }

    private static Parsed malformed(String reason) {
        return new Parsed(null, new BadField("", reason), true);
    }

    /** Which limit was hit, in {@link ReaderLimits} terms; Jackson's message names its own settings. */
    private String limitReason(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("String value length")) {
            return "string value longer than the limit of " + limits.maxStringLength() + " characters";
        }
        if (message.startsWith("Name length")) {
            return "field name longer than the limit of " + limits.maxStringLength() + " characters";
        }
        if (message.startsWith("Document nesting depth")) {
            return "nested deeper than the limit of " + maxDepth() + " levels of objects and arrays";
        }
        return EMBEDDED_LOCATION.matcher(message).replaceAll("");
    }

    /** The dotted path, inside the record, of the value where a limit was hit; as the event reader words it. */
    private static String limitPath(StreamConstraintsException e, JsonParser p) {
        return JsonErrors.limitPath(e, p, false);
    }

    /** A position within the slice, in the body's terms: line and column for JSON, the column for an NDJSON line. */
    private static String where(JsonLocation location, Origin origin) {
        int line = location == null ? 1 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        return where(line, column, origin);
    }

    private static String where(int line, int column, Origin origin) {
        if (origin.isNdjson()) {
            return "column " + column;
        }
        return "line " + (origin.line() + line - 1) + ", column " + (line == 1 ? origin.column() + column - 1 : column);
    }

    /** Jackson's message, with the location it embeds made relative to the body as well. */
    private static String message(JsonProcessingException e, Origin origin) {
        Matcher m = EMBEDDED_LOCATION.matcher(e.getOriginalMessage());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    where(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), origin)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String describe(JsonToken t) {
        return JsonTypes.describe(t);
    }

    private static void close(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException e) {
                // a parser over a byte array holds nothing that can fail to close
            }
        }
    }
}
