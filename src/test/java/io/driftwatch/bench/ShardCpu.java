package io.driftwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the engine's shard threads between two marks. Unlike wall time it does not count time the
 * threads were runnable but waiting for a core (other work on the machine) or stopped for GC.
 */
final class ShardCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> marked = new HashMap<>();
    private long gcMarked;

    /** CPU time used by one shard thread (the busiest) and by all of them, and time spent in GC, since the last mark. */
    record Used(long maxNanos, long totalNanos, int shards, long gcMillis) {}

    void mark() {
        marked = now();
        gcMarked = gcMillis();
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    Used sinceMark() {
        Map<Long, Long> now = now();
        long max = 0;
        long total = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            long used = e.getValue() - marked.getOrDefault(e.getKey(), 0L);
            max = Math.max(max, used);
            total += used;
        }
        return new Used(max, total, now.size(), gcMillis() - gcMarked);
    }

    private static Map<Long, Long> now() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("driftwatch-shard-")) {
                cpu.put(t.getThreadId(), THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return cpu;
    }
}
