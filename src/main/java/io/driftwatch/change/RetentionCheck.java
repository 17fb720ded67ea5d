package io.driftwatch.change;

import java.time.Duration;

/** The one rule retention must obey: a record outlives the baseline window it explains, plus the correlation window. */
public final class RetentionCheck {

    private RetentionCheck() {}

    /** @throws IllegalStateException saying the retention, the minimum and why, when retention is shorter */
    public static void require(Duration retention, Duration baselineWindow, Duration correlationWindow) {
        Duration minimum = baselineWindow.plus(correlationWindow);
        if (retention.compareTo(minimum) < 0) {
            throw new IllegalStateException("driftwatch.deployments.retention is " + human(retention)
                    + ", below the minimum of " + human(minimum) + " (driftwatch.baseline.window " + human(baselineWindow)
                    + " + driftwatch.deployments.correlation-window " + human(correlationWindow)
                    + "): deployment records must outlive the baseline window they explain, plus the correlation window");
        }
    }

    /** {@code 8d}, {@code 7d 30m}, {@code 90s}: as the settings are written. */
    static String human(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return d.isZero() ? "0s" : d.toString();
        }
        StringBuilder b = new StringBuilder();
        append(b, d.toDaysPart(), "d");
        append(b, d.toHoursPart(), "h");
        append(b, d.toMinutesPart(), "m");
        append(b, d.toSecondsPart(), "s");
        append(b, d.toMillisPart(), "ms");
        return b.toString();
    }

    private static void append(StringBuilder b, long value, String unit) {
        if (value > 0) {
            b.append(b.isEmpty() ? "" : " ").append(value).append(unit);
        }
    }
}
