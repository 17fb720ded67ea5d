package io.driftwatch.baseline;

import java.util.Arrays;

/**
 * Counts per slot (an hour or a day since the epoch) over a sliding window of slots, in a ring: a slot's count
 * is reset when the ring comes round to it again.
 */
final class SlidingCounts {

    private final int[] counts;
    private int current = Integer.MIN_VALUE;

    SlidingCounts(int slots) {
        counts = new int[slots];
    }

    void add(int slot, int n) {
        advanceTo(slot);
        if (slot > current - counts.length) {
            counts[Math.floorMod(slot, counts.length)] += n;
        }
    }

    int get(int slot) {
        if (slot > current || slot <= current - counts.length) {
            return 0;
        }
        return counts[Math.floorMod(slot, counts.length)];
    }

    /** Sum over the {@code n} complete slots before {@code slot} (at most the window less one). */
    long sumBefore(int slot, int n) {
        advanceTo(slot);
        long sum = 0;
        for (int s = slot - Math.min(n, counts.length - 1); s < slot; s++) {
            sum += get(s);
        }
        return sum;
    }

    /** The 99th percentile of the counts of the {@code n} complete slots before {@code slot}. */
    double p99Before(int slot, int n) {
        advanceTo(slot);
        int m = Math.max(1, Math.min(n, counts.length - 1));
        // the value at index ceil(m * 0.99) - 1 of the ascending order is the k-th largest: keep the k largest
        // (k is 2 for a week of hours) instead of sorting all m
        int k = m - Math.max(0, (int) Math.ceil(m * 0.99) - 1);
        int[] largest = new int[k];
        Arrays.fill(largest, -1);
        for (int i = 0; i < m; i++) {
            int v = get(slot - m + i);
            if (v > largest[k - 1]) {
                int j = k - 1;
                for (; j > 0 && largest[j - 1] < v; j--) {
                    largest[j] = largest[j - 1];
                }
                largest[j] = v;
            }
        }
        return largest[k - 1];
    }

    private void advanceTo(int slot) {
        if (slot <= current) {
            return;
        }
        if (current == Integer.MIN_VALUE || slot - current >= counts.length) {
            Arrays.fill(counts, 0);
        } else {
            for (int s = current + 1; s <= slot; s++) {
                counts[Math.floorMod(s, counts.length)] = 0;
            }
        }
        current = slot;
    }

    int current() {
        return current;
    }

    int[] snapshot() {
        return counts.clone();
    }

    void restore(int slot, int[] values) {
        current = slot;
        System.arraycopy(values, 0, counts, 0, Math.min(values.length, counts.length));
    }
}
