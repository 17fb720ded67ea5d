package io.driftwatch.ingest;

/** A request body exceeds a {@link ReaderLimits} bound that refuses the body as a whole (HTTP 413). */
public abstract class ReadLimitException extends RuntimeException {

    private final int limit;

    protected ReadLimitException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
