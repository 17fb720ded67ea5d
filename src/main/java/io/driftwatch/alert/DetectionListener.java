package io.driftwatch.alert;

import java.util.List;

/**
 * Receives the detections and alert closures of one engine batch, in the order they happened, on the shard's
 * thread, before the batch is acknowledged.
 *
 * <p>A batch from the event journal gives each outcome a position: the batch's journal sequence number and the
 * outcome's place in it. The same batch replayed after a crash gives the same positions, so a listener that
 * remembers the newest position it applied can skip what it already counted.
 */
public interface DetectionListener {

    /** No position: the batch was not journaled (offline checks, benchmarks). */
    long UNPOSITIONED = 0;

    void onDetections(List<Detection> detections);

    /** Settings that went back to their approved state: the alerts citing them close. */
    default void onClosures(List<AlertClosure> closures) {
    }

    /** The i-th detection has position {@code firstPosition + i}, unless {@code firstPosition} is UNPOSITIONED. */
    default void onDetections(List<Detection> detections, long firstPosition) {
        onDetections(detections);
    }

    default void onClosures(List<AlertClosure> closures, long firstPosition) {
        onClosures(closures);
    }

    /** The position of the {@code ordinal}-th outcome of journal entry {@code seq}; room for 2^24 outcomes per entry. */
    static long position(long seq, int ordinal) {
        return seq == 0 ? UNPOSITIONED : (seq << 24) + ordinal;
    }
}
