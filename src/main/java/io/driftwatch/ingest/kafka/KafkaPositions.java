package io.driftwatch.ingest.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.driftwatch.engine.EventPositions;

/** Each event of a Kafka batch at its record's partition and offset. */
final class KafkaPositions implements EventPositions {

    private final List<String> sources;
    private long[] offsets;

    KafkaPositions(int expected) {
        this.sources = new ArrayList<>(expected);
        this.offsets = new long[Math.max(16, expected)];
    }

    void add(String source, long offset) {
        if (sources.size() == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[sources.size()] = offset;
        sources.add(source);
    }

    @Override
    public String source(int index) {
        return sources.get(index);
    }

    @Override
    public long position(int index) {
        return offsets[index];
    }
}
