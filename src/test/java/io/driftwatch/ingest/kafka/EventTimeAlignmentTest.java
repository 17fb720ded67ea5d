package io.driftwatch.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A batch's partitions merged by event time, each partition's own order kept. */
class EventTimeAlignmentTest {

    static final TopicPartition A = new TopicPartition("events", 0);
    static final TopicPartition B = new TopicPartition("events", 1);

    static EventTimeAlignment.Part<String> part(TopicPartition p, long time, String item) {
        return new EventTimeAlignment.Part<>(p, time, item);
    }

    @Test
    void partitionsInterleaveByEventTime() {
        Map<TopicPartition, List<EventTimeAlignment.Part<String>>> runs = new LinkedHashMap<>();
        runs.put(A, List.of(part(A, 10, "a10"), part(A, 30, "a30"), part(A, 50, "a50")));
        runs.put(B, List.of(part(B, 20, "b20"), part(B, 40, "b40")));
        assertEquals(List.of("a10", "b20", "a30", "b40", "a50"), new EventTimeAlignment(0).merge(runs));
    }

    @Test
    void aPartitionsOwnOrderIsKeptEvenWhenItsTimesGoBack() {
        // an agent's events stay in the order its partition holds them: their offsets must reach the engine in order
        Map<TopicPartition, List<EventTimeAlignment.Part<String>>> runs = new LinkedHashMap<>();
        runs.put(A, List.of(part(A, 30, "a30"), part(A, 10, "a10-late")));
        runs.put(B, List.of(part(B, 20, "b20")));
        assertEquals(List.of("b20", "a30", "a10-late"), new EventTimeAlignment(0).merge(runs));
    }
}
