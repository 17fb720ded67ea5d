package io.driftwatch.ingest;

/**
 * Bounds on what one request body may make the {@link EventReader} do. The first two refuse the whole body
 * (HTTP 413); the last two reject only the event that breaks them.
 *
 * @param maxEvents       events per body, good or bad
 * @param maxLineBytes    bytes in one NDJSON line, line terminator excluded (a JSON body is bounded by the HTTP
 *                        layer's body size only)
 * @param maxNestingDepth nesting of objects and arrays within one event; the event object itself is level 1
 * @param maxStringLength characters in one string value or field name
 */
public record ReaderLimits(int maxEvents, int maxLineBytes, int maxNestingDepth, int maxStringLength) {

    public static final ReaderLimits DEFAULTS = new ReaderLimits(100_000, 1 << 20, 32, 64 << 10);

    public ReaderLimits {
        if (maxEvents < 1 || maxLineBytes < 1 || maxNestingDepth < 1 || maxStringLength < 1) {
            throw new IllegalArgumentException("every reader limit must be at least 1, got maxEvents=" + maxEvents
                    + " maxLineBytes=" + maxLineBytes + " maxNestingDepth=" + maxNestingDepth + " maxStringLength=" + maxStringLength);
        }
    }
}
