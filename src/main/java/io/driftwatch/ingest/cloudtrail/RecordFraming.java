package io.driftwatch.ingest.cloudtrail;

import io.driftwatch.ingest.BatchTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where each record of a JSON body starts and ends without parsing it: a log file {"Records": [...]}, an
 * array of records, or one record. It only counts brackets outside strings, in an int, so a hostile record nested
 * a million levels deep costs one pass and no memory; each record is then parsed on its own with the limits, and
 * one that breaks them is rejected alone while the rest is still read.
 */
final class RecordFraming {

    private static final byte[] RECORDS = "Records".getBytes(StandardCharsets.US_ASCII);

    static final String ARRAY_STOPPED = "; the rest of the array was not read (a JSON array cannot be resumed after"
            + " this error; NDJSON can: there a broken line costs only itself)";

    /** The bytes [start, end) of one record, not yet parsed. */
    record Slice(int start, int end) {}

    /**
     * What the body holds: the record slices in order; the problem that stopped the framing (its index is the
     * next record's), or null; {@code scalar} when the body is one value that is no object or array; and
     * {@code inArray} when the records are elements of an array (a log file's or the body's).
     */
    record Frames(List<Slice> records, Problem problem, Slice scalar, boolean inArray) {}

    record Problem(int index, String field, String reason) {}

    /** The body cannot be framed at this offset. */
    private static final class Malformed extends Exception {
        final int offset;

        Malformed(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private final byte[] b;
    private final int maxRecords;
    private final List<Slice> records = new ArrayList<>();
    /** Inside the array of records now: a problem there stops the rest of it. */
    private boolean inArray;
    /** The records are the elements of an array. */
    private boolean arrayOfRecords;

    private RecordFraming(byte[] body, int maxRecords) {
        this.b = body;
        this.maxRecords = maxRecords;
    }

    /** @throws BatchTooLargeException as soon as the body holds more than {@code maxRecords} records */
    static Frames frame(byte[] body, int from, int maxRecords) {
        return new RecordFraming(body, maxRecords).frame(from);
    }

    private Frames frame(int from) {
        int p = ws(from);
        if (p == b.length) {
            return stop(0, "", "empty body: expected a CloudTrail log file {\"Records\": [...]}, a record or an array of records");
        }
        int end;
        try {
            if (b[p] == '[') {
                end = array(p);
            } else if (b[p] == '{') {
                end = object(p);
            } else {
                // a lone scalar or no JSON at all: the parser says which
                return new Frames(records, null, new Slice(p, b.length), false);
            }
        } catch (Malformed e) {
            return stop(records.size(), "", "malformed JSON at " + where(e.offset) + ": " + e.getMessage()
                    + (inArray ? ARRAY_STOPPED : ""));
        } catch (RecordsNotArray e) {
            return stop(records.size(), "Records", e.getMessage());
        }
        int rest = ws(end);
        if (rest < b.length) {
            return stop(records.size(), "", "unexpected content after the JSON " + (b[p] == '[' ? "array" : "object")
                    + " at " + where(rest) + " (send one log file, one record, an array of records, or NDJSON)");
        }
        return new Frames(records, null, null, arrayOfRecords);
    }

    private Frames stop(int index, String field, String reason) {
        return new Frames(records, new Problem(index, field, reason), null, arrayOfRecords);
    }

    /** A top-level object: a log file when it holds "Records", else one record. Returns the offset after it. */
    private int object(int start) throws Malformed, RecordsNotArray {
        boolean logFile = false;
        int p = ws(start + 1);
        if (at(p) == '}') {
            records.add(new Slice(start, p + 1));
            return p + 1;
        }
        while (true) {
            if (at(p) != '"') {
                throw new Malformed(p, "expected a field name in double quotes, got " + shown(p));
            }
            int keyEnd = string(p);
            boolean isRecords = Arrays.equals(b, p + 1, keyEnd - 1, RECORDS, 0, RECORDS.length);
            p = ws(keyEnd);
            if (at(p) != ':') {
                throw new Malformed(p, "expected ':' after a field name, got " + shown(p));
            }
            p = ws(p + 1);
            if (isRecords) {
                if (at(p) != '[') {
                    throw new RecordsNotArray(p < b.length ? kind(b[p]) : "nothing");
                }
                logFile = true;
                p = array(p);
            } else {
                p = value(p);
            }
            p = ws(p);
            if (at(p) == ',') {
                p = ws(p + 1);
            } else if (at(p) == '}') {
                if (!logFile) {
                    records.add(new Slice(start, p + 1));
                }
                return p + 1;
            } else {
                throw new Malformed(p, "expected ',' or '}' after a field's value, got " + shown(p));
            }
        }
    }

    /** An array of records, each framed as it is met; returns the offset after the array. */
    private int array(int start) throws Malformed {
        inArray = true;
        arrayOfRecords = true;
        int p = ws(start + 1);
        if (at(p) == ']') {
            inArray = false;
            return p + 1;
        }
        while (true) {
            if (records.size() == maxRecords) {
                throw new BatchTooLargeException(maxRecords);
            }
            int end = value(p);
            records.add(new Slice(p, end));
            p = ws(end);
            if (at(p) == ',') {
                p = ws(p + 1);
            } else if (at(p) == ']') {
                inArray = false;
                return p + 1;
            } else {
                throw new Malformed(p, "expected ',' or ']' after a record, got " + shown(p));
            }
        }
    }

    /** Skips one value of any kind; returns the offset after it. Brackets are counted, not matched: the parser checks. */
    private int value(int start) throws Malformed {
        int c = at(start);
        if (c == '"') {
            return string(start);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int i = start; i < b.length; ) {
                byte x = b[i];
                if (x == '"') {
                    i = string(i);
                    continue;
                }
                if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            throw new Malformed(b.length, "unexpected end of input: an object or array opened at " + where(start)
                    + " is not closed");
        }
        int i = start;
        while (i < b.length && b[i] != ',' && b[i] != ']' && b[i] != '}' && !isWhitespace(b[i])) {
            i++;
        }
        if (i == start) {
            throw new Malformed(start, "expected a value, got " + shown(start));
        }
        return i;
    }

    /** Skips a string whose opening quote is at {@code start}; returns the offset after its closing quote. */
    private int string(int start) throws Malformed {
        for (int i = start + 1; i < b.length; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i + 1;
            }
        }
        throw new Malformed(b.length, "unexpected end of input: a string opened at " + where(start) + " is not closed");
    }

    private int ws(int p) {
        while (p < b.length && isWhitespace(b[p])) {
            p++;
        }
        return p;
    }

    private int at(int p) {
        return p < b.length ? b[p] : -1;
    }

    private String shown(int p) {
        return p >= b.length ? "the end of input" : b[p] >= 0x20 && b[p] < 0x7f ? "'" + (char) b[p] + "'" : "byte " + (b[p] & 0xff);
    }

    private static String kind(byte first) {
        return switch (first) {
            case '{' -> "object";
            case '"' -> "string";
            case 't', 'f' -> "boolean";
            case 'n' -> "null";
            default -> first == '-' || (first >= '0' && first <= '9') ? "number" : "'" + (char) first + "'";
        };
    }

    /** Line and column of an offset; only asked once, for the one problem that stops the framing. */
    private String where(int offset) {
        TextPosition position = new TextPosition(b);
        return "line " + position.line(offset) + ", column " + position.column(offset);
    }

    static boolean isWhitespace(byte x) {
        return x == ' ' || x == '\t' || x == '\r' || x == '\n';
    }

    /** "Records" holds something else than an array: nothing of the file can be read. */
    private static final class RecordsNotArray extends Exception {
        RecordsNotArray(String got) {
            super("expected an array of records, got " + got, null, false, false);
        }
    }
}
