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
    /** Samples counted per slot, and the highest non-empty bucket per slot (-1: none): percentiles start there. */
    private final int[] totals;
    private final byte[] top;

    /** @param smallest values up to this fall into bucket 0 (e.g. 0.001 cores, 1 byte/s) */
    DailyHistogram(int windowDays, double smallest) {
        this.smallest = smallest;
        this.days = new char[windowDays][];
        this.dayOf = new int[windowDays];
        this.totals = new int[windowDays];
        this.top = new byte[windowDays];
        Arrays.fill(dayOf, Integer.MIN_VALUE);
        Arrays.fill(top, (byte) -1);
    }

    /**
     * Counts the value {@code weight} times: the minutes its reading covers, so the percentiles are of time, not
     * of readings (a burst of one-minute readings during a spike cannot outvote a week of 30-minute readings
     * and lift the p99 it is judged by). Counts saturate at 65,535 per bucket and day.
     */
    void add(int day, double value, int weight) {
        int slot = Math.floorMod(day, days.length);
        if (dayOf[slot] != day) {
            if (dayOf[slot] > day) {
                return; // older than the window
            }
            days[slot] = new char[BUCKETS];
            dayOf[slot] = day;
            totals[slot] = 0;
            top[slot] = -1;
        }
        char[] counts = days[slot];
        int b = bucket(value);
        int added = Math.min(Character.MAX_VALUE - counts[b], weight);
        if (added > 0) {
            counts[b] += (char) added;
            totals[slot] += added;
            top[slot] = (byte) Math.max(top[slot], b);
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
        long total = 0;
        int highest = -1;
        for (int s = 0; s < days.length; s++) {
            if (inWindow(s, today)) {
                total += totals[s];
                highest = Math.max(highest, top[s]);
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * quantile);
        // down from the highest non-empty bucket: the answer is the first bucket b whose samples at or below
        // b - 1 number fewer than rank; high percentiles stop after a bucket or two
        long above = 0;
        for (int b = highest; b > 0; b--) {
            long here = 0;
            for (int s = 0; s < days.length; s++) {
                if (inWindow(s, today)) {
                    here += days[s][b];
                }
            }
            if (total - above - here < rank) {
                return upperBound(b);
            }
            above += here;
        }
        return upperBound(0);
    }

    private boolean inWindow(int slot, int today) {
        return days[slot] != null && dayOf[slot] > today - days.length && dayOf[slot] <= today;
    }

    int bucket(double value) {
        if (!(value > smallest)) {
            return 0;
        }
        // 1 + floor(2 log2(x)) from the binary exponent and one comparison of the mantissa with sqrt(2): the
        // logarithm was the most expensive step of ingesting a resource reading
        double x = value / smallest;
        int exponent = Math.getExponent(x);
        if (exponent > BUCKETS) {
            return BUCKETS - 1;
        }
        double mantissa = x / Math.scalb(1.0, exponent);
        int b = 1 + 2 * exponent + (mantissa >= SQRT2 ? 1 : 0);
        return Math.min(b, BUCKETS - 1);
    }

    private static final double SQRT2 = Math.sqrt(2);

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
        totals[slot] = 0;
        top[slot] = -1;
        for (int b = 0; counts != null && b < counts.length; b++) {
            totals[slot] += counts[b];
            if (counts[b] > 0) {
                top[slot] = (byte) b;
            }
        }
    }
}
