package io.driftwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.event.Event;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bodies runtime sensors post (Falco, Tetragon, Sysmon): one JSON object, an array of them, objects
 * one after another (an export file posted as JSON), or NDJSON. Each record goes to the feed's mapper and becomes
 * events with its index, an ignored record with the reason, or rejections with its index, line, field and reason,
 * the way the other feeds report them. Each feed's reader is this with its mapper. Thread-safe: share one instance.
 */
public class JsonRecordReader {

    /**
     * Turns one record into its events, or says why it is ignored or rejected. {@code agent} names the agent of
     * records that do not name their own (null: such records are rejected).
     */
    @FunctionalInterface
    public interface RecordMapper {
        Mapped map(JsonNode record, String agent);
    }

    private static final String REST_NOT_READ = "; nothing after it was read (JSON cannot be resumed after this error;"
            + " NDJSON can: there a broken line costs only itself)";

    private final ReaderLimits limits;
    private final String what;
    private final RecordMapper recordMapper;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    /** @param what one record as a person names it ("a Falco alert"), for messages */
    protected JsonRecordReader(ReaderLimits limits, String what, RecordMapper recordMapper) {
        this.limits = limits;
        this.what = what;
        this.recordMapper = recordMapper;
        // one level more than a record may nest: the array that may hold it
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth() + 1)
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /**
     * Reads every record of the body.
     *
     * @param ndjson true for NDJSON (one record a line, blank lines skipped, a broken line costing only itself)
     * @param agent  the agent of records that do not name their own; null to reject such records
     * @throws BatchTooLargeException when the body holds more than {@link ReaderLimits#maxEvents()} records
     * @throws LineTooLongException   when an NDJSON line is longer than {@link ReaderLimits#maxLineBytes()}
     */
    public final ReadResult read(byte[] body, boolean ndjson, String agent) {
        Batch batch = new Batch();
        int from = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
        if (ndjson) {
            NdjsonLines.forEach(body, from, limits, (index, line, offset, length) ->
                    line(body, offset, length, index, line, agent, batch));
        } else {
            json(body, from, agent, batch);
        }
        return batch.result();
    }

    private void json(byte[] body, int from, String agent, Batch batch) {
        int index = 0;
        boolean inArray = false;
        JsonParser p = null;
        try {
            p = factory.createParser(body, from, body.length - from);
            JsonToken t = p.nextToken();
            if (t == null) {
                batch.reject(0, null, "", "empty body: expected " + what + ", an array of them, or NDJSON");
                return;
            }
            if (t == JsonToken.START_ARRAY) {
                inArray = true;
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    checkCount(index);
                    record(p, t, index++, null, agent, batch);
                }
                inArray = false;
                if (p.nextToken() != null) {
                    batch.reject(index, null, "", "unexpected content after the JSON array at "
                            + JsonErrors.where(p.currentTokenLocation()) + " (send one array, objects, or NDJSON)");
                }
                return;
            }
            // one object, or several one after another: each is a record, placed by the line it starts on
            for (; t != null; t = p.nextToken()) {
                checkCount(index);
                record(p, t, index++, p.currentTokenLocation().getLineNr(), agent, batch);
            }
        } catch (StreamConstraintsException e) {
            batch.reject(Math.max(0, index - 1), null, JsonErrors.limitPath(e, p, inArray),
                    JsonErrors.limitReason(e, limits) + REST_NOT_READ);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                batch.reject(Math.max(0, index - 1), null, JsonErrors.limitPath(limit, p, inArray),
                        JsonErrors.limitReason(limit, limits) + REST_NOT_READ);
            } else {
                batch.reject(index, null, "", "malformed JSON at " + location(e) + ": " + JsonErrors.message(e, false)
                        + REST_NOT_READ);
            }
        } catch (IOException e) {
            batch.reject(index, null, "", "unreadable: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    private void record(JsonParser p, JsonToken t, int index, Integer line, String agent, Batch batch)
            throws IOException {
        if (t != JsonToken.START_OBJECT) {
            batch.reject(index, line, "", "expected a JSON object (" + what + "), got " + JsonTypes.describe(t));
            p.skipChildren();
            return;
        }
        JsonNode node = mapper.readTree(p);
        batch.add(index, line, recordMapper.map(node, agent));
    }

    private void line(byte[] body, int offset, int length, int index, int line, String agent, Batch batch) {
        JsonParser p = null;
        try {
            p = factory.createParser(body, offset, length);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                batch.reject(index, line, "", "expected a JSON object (" + what + "), got " + JsonTypes.describe(t)
                        + (t == JsonToken.START_ARRAY ? " (NDJSON takes one object per line; send an array as JSON)" : ""));
                return;
            }
            JsonNode node = mapper.readTree(p);
            if (p.nextToken() != null) {
                batch.reject(index, line, "", "unexpected content after the object at column "
                        + p.currentTokenLocation().getColumnNr() + " (NDJSON takes one object per line)");
                return;
            }
            batch.add(index, line, recordMapper.map(node, agent));
        } catch (StreamConstraintsException e) {
            batch.reject(index, line, JsonErrors.limitPath(e, p, false), JsonErrors.limitReason(e, limits));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                batch.reject(index, line, JsonErrors.limitPath(limit, p, false), JsonErrors.limitReason(limit, limits));
            } else {
                int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                batch.reject(index, line, "", "malformed JSON at column " + column + ": " + JsonErrors.message(e, true));
            }
        } catch (IOException e) {
            batch.reject(index, line, "", "unreadable: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    private void checkCount(int index) {
        if (index == limits.maxEvents()) {
            throw new BatchTooLargeException(limits.maxEvents());
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "an unknown place" : JsonErrors.where(e.getLocation());
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

    /** The events, rejections and ignored records of one body, in body order. */
    private static final class Batch {
        private final List<Indexed> events = new ArrayList<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<Rejection> ignored = new ArrayList<>();

        void add(int index, Integer line, Mapped mapped) {
            for (Event e : mapped.events()) {
                events.add(new Indexed(index, e));
            }
            if (mapped.ignored() != null) {
                ignored.add(new Rejection(index, line, "", mapped.ignored()));
            }
            for (Mapped.Problem p : mapped.problems()) {
                rejections.add(new Rejection(index, line, p.field(), p.reason()));
            }
        }

        void reject(int index, Integer line, String field, String reason) {
            rejections.add(new Rejection(index, line, field, reason));
        }

        ReadResult result() {
            return new ReadResult(events, rejections, ignored);
        }
    }
}
