package io.driftwatch.baseline;

import java.util.Arrays;

/**
 * Distribution of a non-negative metric per day over a sliding window, in half-octave buckets (each bucket
 * 41% wider than the last) of 16-bit counts: ~1 KB an agent and metric for a week, whatever the sample count.
 * Percentiles are reported as the bucket's upper bound, so they err high (fewer false alarms).
 */
final class DailyHistogram {

    static final int BUCKETS = 64;
    private final double smallest;
    private final char[][] days;
    private final int[] dayOf;

    /** @param smallest values up to this fall into bucket 0 (e.g. 0.001 cores, 1 byte/s) */
    DailyHistogram(int windowDays, double smallest) {
        this.smallest = smallest;
        this.days = new char[windowDays][];
        this.dayOf = new int[windowDays];
        Arrays.fill(dayOf, Integer.MIN_VALUE);
    }

    void add(int day, double value) {
        int slot = Math.floorMod(day, days.length);
        if (dayOf[slot] != day) {
            if (dayOf[slot] > day) {
                return; // older than the window
            }
            days[slot] = new char[BUCKETS];
            dayOf[slot] = day;
        }
        char[] counts = days[slot];
        int b = bucket(value);
        if (counts[b] < Character.MAX_VALUE) {
            counts[b]++;
        }
    }

    long count(int today) {
        long n = 0;
        for (int s = 0; s < days.length; s++) {
            if (inWindow(s, today)) {
                for (char c : days[s]) {
                    n += c;
                }
            }
        }
        return n;
    }

    /** The value at or below which {@code quantile} of the window's samples lie (upper bucket bound). */
    double percentile(int today, double quantile) {
        long[] merged = new long[BUCKETS];
        long total = 0;
        for (int s = 0; s < days.length; s++) {
            if (inWindow(s, today)) {
                for (int b = 0; b < BUCKETS; b++) {
                    merged[b] += days[s][b];
                    total += days[s][b];
                }
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * quantile);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += merged[b];
            if (seen >= rank) {
                return upperBound(b);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    private boolean inWindow(int slot, int today) {
        return days[slot] != null && dayOf[slot] > today - days.length && dayOf[slot] <= today;
    }

    int bucket(double value) {
        if (!(value > smallest)) {
            return 0;
        }
        int b = 1 + (int) Math.floor(2 * Math.log(value / smallest) / Math.log(2));
        return Math.min(b, BUCKETS - 1);
    }

    double upperBound(int bucket) {
        return smallest * Math.pow(2, bucket / 2.0);
    }

    int[] dayStamps() {
        return dayOf.clone();
    }

    char[] counts(int slot) {
        return days[slot];
    }

    int slots() {
        return days.length;
    }

    void restore(int slot, int day, char[] counts) {
        dayOf[slot] = day;
        days[slot] = counts;
    }
}
