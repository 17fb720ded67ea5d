package io.driftwatch.change;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The start refuses a retention shorter than the baseline window plus the correlation window. */
class DeploymentRetentionTest {

    @Test
    void theDefaultsAreLongEnough() {
        assertDoesNotThrow(() -> RetentionCheck.require(Duration.ofDays(8), Duration.ofDays(7), Duration.ofMinutes(30)));
        assertDoesNotThrow(() -> RetentionCheck.require(Duration.ofDays(7).plusMinutes(30), Duration.ofDays(7),
                Duration.ofMinutes(30)));
    }

    @Test
    void aShorterRetentionSaysItsValueTheMinimumAndWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RetentionCheck.require(Duration.ofDays(7), Duration.ofDays(7), Duration.ofMinutes(30)));
        assertEquals("driftwatch.deployments.retention is 7d, below the minimum of 7d 30m (driftwatch.baseline.window 7d"
                + " + driftwatch.deployments.correlation-window 30m): deployment records must outlive the baseline "
                + "window they explain, plus the correlation window", e.getMessage());
    }

    @Test
    void durationsReadAsTheyAreWritten() {
        assertEquals("8d", RetentionCheck.human(Duration.ofDays(8)));
        assertEquals("1h 5s", RetentionCheck.human(Duration.ofHours(1).plusSeconds(5)));
        assertEquals("0s", RetentionCheck.human(Duration.ZERO));
        assertTrue(RetentionCheck.human(Duration.ofMillis(1500)).equals("1s 500ms"));
    }
}
