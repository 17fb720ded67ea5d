package io.driftwatch.alert;

import java.util.List;

/**
 * Receives the detections and alert closures of one engine batch, in the order they happened, on the shard's
 * thread, before the batch is acknowledged. Each may carry the {@link Position} of the event it came from (null
 * when its batch came from no replayable log: offline checks, benchmarks).
 */
public interface DetectionListener {

    void onDetections(List<Detection> detections);

    /** Settings that went back to their approved state: the alerts citing them close. */
    default void onClosures(List<AlertClosure> closures) {
    }

    /** @param positions one per detection, or null entries */
    default void onDetections(List<Detection> detections, List<Position> positions) {
        onDetections(detections);
    }

    /** Events processed in one batch, per agent and day (not duplicates); once per batch, after its detections. */
    default void onCoverage(java.util.Map<Coverage.AgentDay, Long> counts) {
    }

    /** @param positions one per closure, or null entries */
    default void onClosures(List<AlertClosure> closures, List<Position> positions) {
        onClosures(closures);
    }
}
