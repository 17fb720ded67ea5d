package io.driftwatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Per-rule dedup and suppression windows (the rule's {@code @dedupWindow} / {@code @suppressFor}, carried on its
 * detections): an alert fires, recurrences count on it (quietly within the suppression window), and after the
 * dedup window a recurrence opens a new alert; another behaviour is its own alert.
 */
@QuarkusTest
class AlertWindowsTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @Inject
    AlertStore store;

    static Detection detection(String agent, String key, Instant t, Duration dedup, Duration suppress) {
        return new Detection("A windowed test rule", "medium", "test", List.of(), agent, key, "seen", Map.of(),
                List.of(), List.of(), t, null, dedup, suppress);
    }

    AlertStore.Recorded record(Detection d) {
        List<AlertStore.Recorded> r = store.recordAll(List.of(d), Instant.now(), null);
        assertEquals(1, r.size());
        return r.get(0);
    }

    @Test
    void anAlertCountsWithinItsWindowsThenANewOneOpens() {
        Duration hour = Duration.ofHours(1);
        Duration quarter = Duration.ofMinutes(15);
        AlertStore.Recorded first = record(detection("win-1", "burst", T, hour, quarter));
        assertTrue(first.created());

        AlertStore.Recorded quiet = record(detection("win-1", "burst", T.plus(Duration.ofMinutes(10)), hour, quarter));
        assertTrue(quiet.quiet(), "within @suppressFor of the published occurrence");
        assertEquals(first.alert().id(), quiet.alert().id());
        assertEquals(2, quiet.alert().count());
        assertEquals(1, quiet.alert().suppressedCount());

        AlertStore.Recorded loud = record(detection("win-1", "burst", T.plus(Duration.ofMinutes(20)), hour, quarter));
        assertFalse(loud.quiet(), "the suppression window ran out: published again");
        assertEquals(3, loud.alert().count());
        assertEquals(1, loud.alert().suppressedCount());

        AlertStore.Recorded next = record(detection("win-1", "burst", T.plus(Duration.ofMinutes(61)), hour, quarter));
        assertTrue(next.created(), "after @dedupWindow a recurrence opens a new alert");
        assertNotEquals(first.alert().id(), next.alert().id());
        assertEquals(3, store.get(first.alert().id()).orElseThrow().count(), "the old alert stays as it was");

        AlertStore.Recorded other = record(detection("win-1", "scan", T.plus(Duration.ofMinutes(62)), hour, quarter));
        assertTrue(other.created(), "another behaviour key is a near miss: its own alert");
        AlertStore.Recorded again = record(detection("win-1", "burst", T.plus(Duration.ofMinutes(90)), hour, quarter));
        assertEquals(next.alert().id(), again.alert().id());
    }

    @Test
    void withoutRuleWindowsEveryRecurrenceCountsAndIsPublishedAsBefore() {
        AlertStore.Recorded first = record(detection("win-2", "burst", T, null, null));
        AlertStore.Recorded later = record(detection("win-2", "burst", T.plus(Duration.ofDays(3)), null, null));
        assertEquals(first.alert().id(), later.alert().id());
        assertFalse(later.quiet());
        assertEquals(2, later.alert().count());
        assertEquals(0, later.alert().suppressedCount());
    }
}
