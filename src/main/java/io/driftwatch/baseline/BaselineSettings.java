package io.driftwatch.baseline;

import java.time.Duration;

/**
 * @param window              how long a behaviour stays known after it was last seen; counters cover it too
 * @param learningPeriod      how long after its first event an agent only learns (log-only, no alerts)
 * @param maxKeysPerKind      per agent and behaviour kind; beyond it the least recently seen key is forgotten
 * @param maxPrincipals       API principals tracked per agent; further principals count only towards the agent total
 * @param quarantineReport    how often a quarantined behaviour that keeps occurring is handed to the rules again
 * @param apiRateGate         API rates reach the rules only above this multiple of max(hourly p99, 1): steady
 *                            traffic hovers around its p99 and would otherwise flood the rules; no rule can
 *                            judge a rate below this multiple
 */
public record BaselineSettings(Duration window, Duration learningPeriod, int maxKeysPerKind, int maxPrincipals,
                               Duration quarantineReport, double apiRateGate) {

    public static BaselineSettings defaults() {
        return new BaselineSettings(Duration.ofDays(7), Duration.ofDays(7), 4096, 64, Duration.ofMinutes(1), 2.0);
    }

    int windowHours() {
        return (int) Math.max(1, window.toHours());
    }

    int windowDays() {
        return (int) Math.max(1, (window.toHours() + 23) / 24);
    }
}
