package io.driftwatch.alert;

import java.time.Instant;

/**
 * CDI event fired after an alert changed state and the change is committed: through the API, by a configuration
 * closure, or when an exception closed it. {@code from} is null when the alert was just raised ({@code to} is then
 * open, in-review or suppressed); a recurrence counted on an existing alert fires nothing.
 */
public record AlertTransitioned(String alertId, String from, String to, String by, Instant at, String reason) {
}
