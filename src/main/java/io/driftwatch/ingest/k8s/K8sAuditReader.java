package io.driftwatch.ingest.k8s;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.driftwatch.ingest.BatchTooLargeException;
import io.driftwatch.ingest.LineTooLongException;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.JsonTypes;
import io.driftwatch.ingest.NdjsonLines;
import io.driftwatch.ingest.ReaderLimits;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what a Kubernetes API server's audit backends write: the webhook's {@code EventList} body, one audit
 * {@code Event}, a JSON array of Events, or an audit log file (NDJSON, one Event a line), and turns each record
 * into at most one normalized event, an ignored record with its reason, or rejections with field-level reasons.
 * One bad record never costs the others, except that JSON cannot be read past malformed JSON. Thread-safe.
 */
public final class K8sAuditReader {

    /** Same bound as the normalized event contract puts on an agent id. */
    private static final int MAX_CLUSTER_NAME_LENGTH = 256;
    /** Audit records wrap Kubernetes objects (requestObject.spec...), two levels deeper than a normalized event. */
    private static final int AUDIT_EXTRA_LEVELS = 2;
    /** Levels around a record: an EventList's object and its items array. */
    private static final int ENVELOPE_LEVELS = 2;
    /**
     * Levels Jackson may go past a record's limit while the too-deep value is skipped. Beyond them Jackson stops
     * the parser: its context per level makes unbounded depth cost memory many times the body's size.
     */
    private static final int SKIP_DEPTH_SLACK = 1000;
    private static final Pattern EMBEDDED_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");
    private static final String REST_NOT_READ = "; the records after it were not read (JSON cannot be resumed after"
            + " this error; NDJSON can: there a broken line costs only itself)";

    private final ReaderLimits limits;
    private final JsonFactory factory;
    private final BoundedJson records;
    private final AuditRecordMapper mapper;

    public K8sAuditReader(String clusterName, ReaderLimits limits) {
        if (clusterName == null || clusterName.isBlank() || clusterName.length() > MAX_CLUSTER_NAME_LENGTH) {
            throw new IllegalArgumentException("the cluster name becomes every event's agentId: it must be 1 to "
                    + MAX_CLUSTER_NAME_LENGTH + " characters and not blank, got '" + clusterName + "'");
        }
        this.limits = limits;
        int recordDepth = saturatedSum(limits.maxNestingDepth(), AUDIT_EXTRA_LEVELS);
        this.records = new BoundedJson(recordDepth, limits.maxStringLength());
        // strings and names are checked by BoundedJson, which can skip them; a string is never longer than the
        // body, which the HTTP layer bounds (and maxLineBytes within NDJSON)
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(saturatedSum(recordDepth, ENVELOPE_LEVELS + SKIP_DEPTH_SLACK))
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .build();
        this.mapper = new AuditRecordMapper(clusterName);
    }

    public ReaderLimits limits() {
        return limits;
    }

    /**
     * Reads every record of the body.
     *
     * @param ndjson true for an audit log (one Event a line, blank lines skipped, {@code \r\n} accepted); false for
     *               one JSON value: an EventList, an Event or an array of Events
     * @throws BatchTooLargeException when the body holds more than {@link ReaderLimits#maxEvents()} records
     * @throws LineTooLongException   when an NDJSON line is longer than {@link ReaderLimits#maxLineBytes()}
     */
    public ReadResult read(byte[] body, boolean ndjson) {
        AuditBatch batch = new AuditBatch();
        int start = startAfterBom(body);
        if (ndjson) {
            readLines(body, start, batch);
        } else {
            readJson(body, start, batch);
        }
        return batch.result();
    }

    // ---- JSON: an EventList, one Event, or an array of Events

    /** Where a JSON body's reading is, for blaming an error on the right record. */
    private static final class Cursor {
        int next;
        boolean inRecord;
        boolean inList;

        int current() {
            return inRecord ? next - 1 : next;
        }
    }

    private void readJson(byte[] body, int start, AuditBatch batch) {
        int first = start;
        while (first < body.length && isWhitespace(body[first])) {
            first++;
        }
        if (first == body.length) {
            batch.reject(0, null, "", "empty body: expected an audit EventList, an Event or an array of Events");
            return;
        }
        Cursor c = new Cursor();
        JsonParser p = null;
        try {
            p = factory.createParser(body, first, body.length - first);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                readList(p, c, batch);
            } else if (t == JsonToken.START_OBJECT) {
                readTopObject(p, c, batch);
            } else {
                batch.reject(c.next++, null, "", "expected an audit EventList, an Event or an array of Events, got "
                        + describe(t));
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                batch.reject(c.next, null, "", "unexpected content after the JSON value at "
                        + where(p.currentTokenLocation()) + " (send one EventList, one Event, one array of Events, or NDJSON)");
            }
        } catch (StreamConstraintsException e) {
            batch.reject(c.current(), null, "", limitReason(e) + (c.inList ? REST_NOT_READ : ""));
        } catch (JsonProcessingException e) {
            boolean stopped = c.inList && p != null && !p.getParsingContext().inRoot();
            batch.reject(c.current(), null, "", "malformed JSON at " + where(e.getLocation()) + ": " + message(e, false)
                    + (stopped ? REST_NOT_READ : ""));
        } catch (IOException e) {
            batch.reject(c.current(), null, "", "unreadable: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    /**
     * A top-level object is an EventList when it has an {@code items} array (the API server writes kind,
     * apiVersion and metadata first, but order is not relied on), else one Event. Its fields are read one at a
     * time so that an EventList's items are each checked against the record limits on their own.
     */
    private void readTopObject(JsonParser p, Cursor c, AuditBatch batch) throws IOException {
        Map<String, Object> single = new LinkedHashMap<>();
        String problemField = null;
        String problem = null;
        boolean eventList = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if ("items".equals(name) && t == JsonToken.START_ARRAY) {
                eventList = true;
                readList(p, c, batch);
                continue;
            }
            if (name.length() > limits.maxStringLength() && problem == null) {
                problemField = "";
                problem = "field name longer than the limit of " + limits.maxStringLength() + " characters";
            }
            BoundedJson.Value v = records.read(p, 1, name);
            if (!v.ok() && problem == null) {
                problemField = v.field();
                problem = v.reason();
            }
            single.put(name, v.value());
        }
        if (eventList) {
            return; // the envelope's own fields (kind, apiVersion, metadata) say nothing about any record
        }
        if ("EventList".equals(single.get("kind"))) {
            if (single.get("items") != null) {
                batch.reject(0, null, "items", "expected an array of audit Events, got " + RecordFields.describe(single.get("items")));
            }
            return; // "items": null is how an empty list is written
        }
        c.next = 1;
        if (problem != null) {
            batch.reject(0, null, problemField, problem);
        } else {
            batch.add(0, null, mapper.map(single));
        }
    }

    /** The parser is on START_ARRAY of a JSON array of Events or of an EventList's items. */
    private void readList(JsonParser p, Cursor c, AuditBatch batch) throws IOException {
        c.inList = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (c.next == limits.maxEvents()) {
                throw new BatchTooLargeException(limits.maxEvents());
            }
            c.inRecord = true;
            int index = c.next++;
            if (t != JsonToken.START_OBJECT) {
                batch.reject(index, null, "", "expected a JSON object (an audit Event), got " + describe(t));
                p.skipChildren();
            } else {
                addRecord(records.read(p, 0, ""), index, null, batch);
            }
            c.inRecord = false;
        }
        c.inList = false;
    }

    @SuppressWarnings("unchecked")
    private void addRecord(BoundedJson.Value v, int index, Integer line, AuditBatch batch) {
        if (v.ok()) {
            batch.add(index, line, mapper.map((Map<String, Object>) v.value()));
        } else {
            batch.reject(index, line, v.field(), v.reason());
        }
    }

    // ---- NDJSON: an audit log file. A parser per line: audit volumes do not need EventReader's one-parser path.

    private void readLines(byte[] body, int start, AuditBatch batch) {
        NdjsonLines.forEach(body, start, limits, (index, line, offset, length) -> readLine(body, offset, length, index, line, batch));
    }

    private void readLine(byte[] body, int offset, int length, int index, int line, AuditBatch batch) {
        JsonParser p = null;
        try {
            p = factory.createParser(body, offset, length);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                batch.reject(index, line, "", "expected a JSON object (an audit Event), got " + describe(t)
                        + (t == JsonToken.START_ARRAY ? " (NDJSON takes one object per line; send an array as JSON)" : ""));
                return;
            }
            BoundedJson.Value v = records.read(p, 0, "");
            if (p.nextToken() != null) {
                batch.reject(index, line, "", "unexpected content after the event object at column "
                        + p.currentTokenLocation().getColumnNr() + " (NDJSON takes one object per line)");
                return;
            }
            addRecord(v, index, line, batch);
        } catch (StreamConstraintsException e) {
            batch.reject(index, line, "", limitReason(e));
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            batch.reject(index, line, "", "malformed JSON at column " + column + ": " + message(e, true));
        } catch (IOException e) {
            batch.reject(index, line, "", "unreadable: " + e.getMessage());
        } finally {
            close(p);
        }
    }

    // ---- small helpers

    /** Jackson's own limits are backstops past ours; the depth one is reported in the record's terms. */
    private String limitReason(StreamConstraintsException e) {
        return e.getOriginalMessage().startsWith("Document nesting depth") ? records.depthReason() : message(e, false);
    }

    /** Jackson's message, with the location it embeds cut to "line 1, column 4" (within a line, the column). */
    private static String message(JsonProcessingException e, boolean withinLine) {
        return EMBEDDED_LOCATION.matcher(e.getOriginalMessage()).replaceAll(withinLine ? "column $2" : "line $1, column $2");
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown place" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonToken t) {
        return JsonTypes.describe(t);
    }

    private static int saturatedSum(int a, int b) {
        return (int) Math.min(Integer.MAX_VALUE, (long) a + b);
    }

    private static int startAfterBom(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
    }

    

    

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
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
