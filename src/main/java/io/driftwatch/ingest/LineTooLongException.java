package io.driftwatch.ingest;

/** An NDJSON line is longer than {@link ReaderLimits#maxLineBytes()}. */
public final class LineTooLongException extends ReadLimitException {

    private final int line;

    public LineTooLongException(int line, int limit) {
        super("NDJSON line " + line + " is longer than the limit of " + limit + " bytes", limit);
        this.line = line;
    }

    /** 1-based physical line number. */
    public int line() {
        return line;
    }
}
