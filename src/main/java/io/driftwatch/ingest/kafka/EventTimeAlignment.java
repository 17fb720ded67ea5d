package io.driftwatch.ingest.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps partitions in step by event time. A shard's clock follows the newest event it has seen, whichever agent
 * it came from; if one partition ran hours ahead of another (a backlog, a replay), the other's agents would look
 * late and their windows would be judged on the wrong clock. So a partition more than the allowed skew ahead of
 * the slowest partition that still has records waiting is paused until the others catch up, and within a batch
 * the partitions' records are merged by event time, each partition's own order kept.
 */
final class EventTimeAlignment {

    private final long maxSkewMillis;
    /** The newest event time read from each partition. */
    private final Map<TopicPartition, Long> newest = new HashMap<>();

    EventTimeAlignment(long maxSkewMillis) {
        this.maxSkewMillis = maxSkewMillis;
    }

    /** One read record's events, with the partition they came from, in the order the partition holds them. */
    record Part<T>(TopicPartition partition, long time, T item) {
    }

    /** Merges per-partition runs by event time; each run keeps its own order (an agent's events stay in order). */
    <T> List<T> merge(Map<TopicPartition, List<Part<T>>> runs) {
        List<T> out = new ArrayList<>();
        List<List<Part<T>>> lists = new ArrayList<>(runs.values());
        // heads of the runs as {run, index}, earliest event first; ties go to the lower run, for a stable order
        PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(lists.get(a[0]).get(a[1]).time(), lists.get(b[0]).get(b[1]).time());
            return c != 0 ? c : Integer.compare(a[0], b[0]);
        });
        for (int i = 0; i < lists.size(); i++) {
            if (!lists.get(i).isEmpty()) {
                heads.add(new int[] {i, 0});
            }
        }
        while (!heads.isEmpty()) {
            int[] h = heads.poll();
            Part<T> p = lists.get(h[0]).get(h[1]);
            out.add(p.item());
            newest.merge(p.partition(), p.time(), Math::max);
            if (h[1] + 1 < lists.get(h[0]).size()) {
                heads.add(new int[] {h[0], h[1] + 1});
            }
        }
        return out;
    }

    /**
     * Pauses the partitions too far ahead of the slowest one that still has records waiting, resumes the rest.
     * A partition with nothing waiting does not hold the others back.
     */
    void align(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        newest.keySet().retainAll(assigned);
        long floor = Long.MAX_VALUE;
        for (TopicPartition p : assigned) {
            OptionalLong lag = consumer.currentLag(p);
            boolean waiting = lag.isEmpty() || lag.getAsLong() > 0;
            if (waiting) {
                floor = Math.min(floor, newest.getOrDefault(p, Long.MIN_VALUE));
            }
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition p : assigned) {
            Long time = newest.get(p);
            boolean ahead = time != null && floor != Long.MAX_VALUE
                    && (floor == Long.MIN_VALUE || time - floor > maxSkewMillis);
            (ahead ? pause : resume).add(p);
        }
        consumer.pause(pause);
        consumer.resume(resume);
    }
}
