package io.driftwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.driftwatch.event.Event;
import java.io.IOException;
import java.util.Map;

/**
 * Turns a request body into normalized events, and every event it cannot accept into field-level reasons.
 * One bad event never costs the good ones, except that a JSON array cannot be read past malformed JSON.
 * Thread-safe: share one instance.
 */
public final class EventReader {

    /** How the body frames its events. */
    public enum Format {
        /** One event object, or an array of them. */
        JSON,
        /** One event object per line; blank lines are skipped, {@code \r\n} is accepted. */
        NDJSON
    }

    private static final String ARRAY_STOPPED = "; the rest of the array was not read (a JSON array cannot be"
            + " resumed after this error; NDJSON can: there a broken line costs only itself)";

    private final ReaderLimits limits;
    /** For a lone object and for NDJSON, where an event is a root value. */
    private final JsonFactory eventFactory;
    /** For an array of events: one level deeper, so that the depth limit counts the same levels per event. */
    private final JsonFactory arrayFactory;
    private final ObjectReader mapReader;
    private final NdjsonReader ndjson;

    public EventReader() {
        this(ReaderLimits.DEFAULTS);
    }

    public EventReader(ReaderLimits limits) {
        this.limits = limits;
        this.eventFactory = factory(limits, limits.maxNestingDepth());
        this.arrayFactory = factory(limits, limits.maxNestingDepth() + 1);
        this.mapReader = new ObjectMapper(eventFactory).readerFor(Map.class);
        this.ndjson = new NdjsonReader(limits, eventFactory, mapReader);
    }

    private static JsonFactory factory(ReaderLimits limits, int depth) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(depth)
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .build();
    }

    public ReaderLimits limits() {
        return limits;
    }

    /**
     * Reads every event of the body. Events are checked field by field; an event with problems is left out and
     * each of its problems becomes a rejection.
     *
     * @throws BatchTooLargeException when the body holds more than {@link ReaderLimits#maxEvents()} events
     * @throws LineTooLongException   when an NDJSON line is longer than {@link ReaderLimits#maxLineBytes()}
     */
    public ReadResult read(byte[] body, Format format) {
        ReadResultBuilder batch = new ReadResultBuilder();
        switch (format) {
            case JSON -> readJson(body, batch);
            case NDJSON -> ndjson.read(body, startAfterBom(body), batch);
        }
        return batch.result();
    }

    private void readJson(byte[] body, ReadResultBuilder batch) {
        int first = startAfterBom(body);
        while (first < body.length && NdjsonReader.isWhitespace(body[first])) {
            first++;
        }
        if (first == body.length) {
            batch.reject(0, null, "", "empty body: expected a JSON object or an array of objects");
            return;
        }
        boolean array = body[first] == '[';
        int index = 0;
        boolean inElement = false;
        JsonParser p = null;
        try {
            p = (array ? arrayFactory : eventFactory).createParser(body);
            JsonToken t = p.nextToken();
            if (array) {
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (index == limits.maxEvents()) {
                        throw new BatchTooLargeException(limits.maxEvents());
                    }
                    inElement = true;
                    readElement(p, t, index++, batch);
                    inElement = false;
                }
            } else if (t == JsonToken.START_OBJECT) {
                inElement = true;
                readElement(p, t, index++, batch);
                inElement = false;
            } else {
                batch.reject(index++, null, "", "expected a JSON object or an array of objects, got "
                        + FieldReader.describe(t));
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                batch.reject(index, null, "", "unexpected content after the JSON " + (array ? "array" : "value") + " at "
                        + JsonErrors.where(p.currentTokenLocation()) + " (send one object, one array of objects, or NDJSON)");
            }
        } catch (StreamConstraintsException e) {
            batch.reject(inElement ? index - 1 : index, null, JsonErrors.limitPath(e, p, array),
                    JsonErrors.limitReason(e, limits) + (array ? ARRAY_STOPPED : ""));
        } catch (JsonProcessingException e) {
            boolean stopped = array && p != null && !p.getParsingContext().inRoot();
            batch.reject(inElement ? index - 1 : index, null, "", "malformed JSON at " + JsonErrors.where(e.getLocation())
                    + ": " + JsonErrors.message(e, false) + (stopped ? ARRAY_STOPPED : ""));
        } catch (IOException e) {
            batch.reject(inElement ? index - 1 : index, null, "", "unreadable: " + e.getMessage());
        } finally {
            NdjsonReader.close(p);
        }
    }

    private void readElement(JsonParser p, JsonToken t, int index, ReadResultBuilder batch) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            batch.reject(index, null, "", "expected a JSON object, got " + FieldReader.describe(t));
            p.skipChildren();
            return;
        }
        FieldProblems problems = new FieldProblems();
        Event event = EventObjectParser.parse(new FieldReader(p, problems, mapReader));
        batch.add(index, null, event, problems);
    }

    private static int startAfterBom(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    }
}
