package io.driftwatch.alert;

/**
 * Where an outcome came from in the log its event was read from: the log ({@code source}, e.g. the event journal
 * or a Kafka partition) and a place in it that only grows. Replaying that log gives the same positions, so a
 * store that remembers the newest position it applied per source skips what it already counted.
 */
public record Position(String source, long value) {

    /** Room for 256 outcomes of one event. */
    public static Position of(String source, long eventPosition, int ordinal) {
        return new Position(source, (eventPosition << 8) | Math.min(ordinal, 255));
    }
}
