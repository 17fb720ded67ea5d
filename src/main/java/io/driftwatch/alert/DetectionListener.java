package io.driftwatch.alert;

import java.util.List;

/**
 * Receives the detections and alert closures of one engine batch, in the order they happened, on the shard's
 * thread, before the batch is acknowledged.
 */
public interface DetectionListener {

    void onDetections(List<Detection> detections);

    /** Settings that went back to their approved state: the alerts citing them close. */
    default void onClosures(List<AlertClosure> closures) {
    }
}
