package io.driftwatch.engine;

/**
 * Where each event of a batch sits in the log it was read from, so its detections can be recognised when that log
 * is replayed (see {@link io.driftwatch.alert.Position}). Indexes are into the batch as submitted.
 */
public interface EventPositions {

    /** A batch from no replayable log. */
    EventPositions NONE = new EventPositions() {
        @Override
        public String source(int index) {
            return null;
        }

        @Override
        public long position(int index) {
            return -1;
        }
    };

    /** The log the event was read from; null when none. */
    String source(int index);

    /** Its place in that log, growing along it. */
    long position(int index);

    /** A journal entry: the entry's sequence number and the event's index in it (entries hold under 2^20 events). */
    static EventPositions journal(long seq) {
        return new EventPositions() {
            @Override
            public String source(int index) {
                return "journal";
            }

            @Override
            public long position(int index) {
                return (seq << 20) | index;
            }
        };
    }
}
