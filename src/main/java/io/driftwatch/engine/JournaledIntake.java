package io.driftwatch.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps the engine's queues in journal order. Batches are journaled concurrently, each under the sequence number
 * the journal gave it, but reach the shards strictly in that order, so a replay of the journal meets the
 * baselines in the same order as the original run. A checkpoint is queued between two batches: every batch up to
 * its cut is in it and none after.
 */
final class JournaledIntake {

    /** The next sequence number to reach the shards. */
    private long next;
    /** Sequence numbers handed out whose batch will never come (journaling failed). */
    private final TreeSet<Long> skipped = new TreeSet<>();
    /** For batches read from a log of their own (a Kafka partition): the next position to read in each. */
    private final Map<String, Long> logPositions = new HashMap<>();

    JournaledIntake(long next) {
        this.next = next;
    }

    /** Waits until every earlier batch reached the shards, then queues this one (it does not wait for processing). */
    synchronized <T> CompletableFuture<T> publish(long seq, Supplier<CompletableFuture<T>> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                while (skipped.remove(next)) {
                    next++;
                }
                if (next == seq) {
                    break;
                }
                if (next > seq) {
                    throw new IllegalStateException("journal entry " + seq + " was already published or skipped");
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the batch is journaled: it must reach the shards, or later ones wait forever
                }
            }
            try {
                return queue.get();
            } finally {
                next++;
                notifyAll();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues a batch read from logs that keep it themselves (Kafka partitions), between journaled batches; a
     * checkpoint after it records {@code nextPositions}, where reading resumes after a restart.
     */
    synchronized <T> CompletableFuture<T> publishFromLog(Map<String, Long> nextPositions, Supplier<CompletableFuture<T>> queue) {
        CompletableFuture<T> queued = queue.get();
        logPositions.putAll(nextPositions);
        return queued;
    }

    /** The next position to read in each log this instance has handed on batches from. */
    synchronized Map<String, Long> logPositions() {
        return Map.copyOf(logPositions);
    }

    /** Stops tracking logs another instance reads now: its checkpoints write their positions, not this one's. */
    synchronized void forget(java.util.Set<String> sources) {
        logPositions.keySet().removeAll(sources);
    }

    /** What a checkpoint covers: the journal up to {@code seq}, and each log up to (not including) its position. */
    record Cut(long seq, Map<String, Long> logPositions) {
    }

    /** A sequence number whose batch will never be published. */
    synchronized void skip(long seq) {
        if (seq >= next) {
            skipped.add(seq);
            notifyAll();
        }
    }

    /** Runs {@code atCut} between two batches and returns what was queued before it. */
    synchronized Cut cut(Runnable atCut) {
        atCut.run();
        return new Cut(next - 1, Map.copyOf(logPositions));
    }
}
