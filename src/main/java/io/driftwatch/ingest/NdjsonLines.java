package io.driftwatch.ingest;

/**
 * Walks an NDJSON body line by line the way every reader of this service does: blank lines are skipped but
 * counted, {@code \r\n} is accepted, an over-long line refuses the body (413) and so does one record too many.
 */
public final class NdjsonLines {

    /** Receives one non-blank line: its 0-based record index, 1-based line number, and where it lies in the body. */
    @FunctionalInterface
    public interface Handler {
        void line(int index, int lineNumber, int offset, int length);
    }

    private NdjsonLines() {
    }

    public static void forEach(byte[] body, int from, ReaderLimits limits, Handler handler) {
        int index = 0;
        int line = 0;
        int pos = from;
        while (pos < body.length) {
            line++;
            int end = Newlines.next(body, pos);
            int length = end > pos && body[end - 1] == '\r' ? end - 1 - pos : end - pos;
            if (length > limits.maxLineBytes()) {
                throw new LineTooLongException(line, limits.maxLineBytes());
            }
            if (!isBlank(body, pos, pos + length)) {
                if (index == limits.maxEvents()) {
                    throw new BatchTooLargeException(limits.maxEvents());
                }
                handler.line(index++, line, pos, length);
            }
            pos = end + 1;
        }
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
