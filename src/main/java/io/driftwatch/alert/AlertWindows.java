package io.driftwatch.alert;

import java.time.Duration;

/**
 * How recurrences count, where a rule's metadata says nothing ({@code driftwatch.alerts.*}).
 *
 * @param dedupWindow    how long after its first occurrence (event time) an alert gathers recurrences; null: as long
 *                       as it is worked on
 * @param suppressFor    after a published occurrence, recurrences within this (event time) are counted quietly
 * @param dismissedQuiet after a dismissal, recurrences within this (processing time) count quietly on the dismissed
 *                       alert; after it a recurrence opens a new alert
 */
public record AlertWindows(Duration dedupWindow, Duration suppressFor, Duration dismissedQuiet) {

    /** Today's behaviour: unbounded dedup, no suppression, a day of quiet after a dismissal. */
    public static final AlertWindows DEFAULTS = new AlertWindows(null, Duration.ZERO, Duration.ofDays(1));
}
