package io.driftwatch.engine;

/** What the engine did with a submitted batch. */
public record BatchResult(int processed, int duplicates, int late, int detections) {

    BatchResult plus(BatchResult o) {
        return new BatchResult(processed + o.processed, duplicates + o.duplicates, late + o.late,
                detections + o.detections);
    }

    static final BatchResult EMPTY = new BatchResult(0, 0, 0, 0);
}
