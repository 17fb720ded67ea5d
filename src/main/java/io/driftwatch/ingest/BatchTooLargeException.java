package io.driftwatch.ingest;

/** The body holds more events than {@link ReaderLimits#maxEvents()}. */
public final class BatchTooLargeException extends ReadLimitException {

    public BatchTooLargeException(int limit) {
        super("the body holds more than " + limit + " events, the limit per request; send smaller batches", limit);
    }
}
