package io.driftwatch.engine;

import java.time.Duration;

/** The engine's queues are full: the caller should retry after {@link #retryAfter()}; nothing was accepted. */
public class EngineSaturatedException extends RuntimeException {

    private final Duration retryAfter;

    public EngineSaturatedException(int shard, Duration retryAfter) {
        super("engine shard " + shard + " is saturated; retry after " + retryAfter.toSeconds() + "s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
