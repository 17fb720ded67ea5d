package io.driftwatch.alert;

import java.util.List;

/** Receives the detections of one engine batch, on the shard's thread, before the batch is acknowledged. */
public interface DetectionListener {

    void onDetections(List<Detection> detections);
}
