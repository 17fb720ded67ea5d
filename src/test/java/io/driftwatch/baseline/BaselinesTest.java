package io.driftwatch.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.Novelty;

/** What a baseline learns, forgets and keeps across a checkpoint. */
class BaselinesTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    final Baselines baselines = new Baselines(BaselineSettings.defaults(), new Interner(), a -> Set.of());

    static Event spawn(String agent, Instant t, String parent, String exe) {
        return new Event(null, agent, t, EventType.PROCESS,
                new Event.Process(exe, null, null, null, new Event.Parent(parent, null), null),
                null, null, null, null, null, null);
    }

    static Event cpu(String agent, Instant t, double cores) {
        return new Event(null, agent, t, EventType.RESOURCE, null, null, null, null, null,
                new Event.Resource(cores, null, 1000L, null, 300), null);
    }

    List<Object> observe(Event e) {
        List<Object> facts = new ArrayList<>();
        baselines.observe(e, facts::add);
        return facts;
    }

    void learnWeek(String agent) {
        for (int h = 0; h < 7 * 24; h++) {
            observe(spawn(agent, T0.plus(Duration.ofHours(h)), "/usr/bin/python3", "/usr/bin/git"));
            observe(cpu(agent, T0.plus(Duration.ofHours(h)), 0.2 + (h % 5) * 0.05));
        }
    }

    @Test
    void aCheckpointRestoresTheSameProfileAndTheSameJudgement() {
        learnWeek("a");
        observe(spawn("a", T0.plus(Duration.ofDays(7)), "/usr/bin/python3", "/bin/bash"));
        baselines.quarantine("a", "lineage:/usr/bin/python3 -> /bin/bash", T0.plus(Duration.ofDays(7)).toEpochMilli());
        Map<String, byte[]> checkpoint = baselines.drainDirty();

        Baselines restored = new Baselines(BaselineSettings.defaults(), new Interner(), a -> Set.of());
        restored.restore(checkpoint.get("a"));
        assertEquals(baselines.profile("a"), restored.profile("a"));

        List<Object> facts = new ArrayList<>();
        restored.observe(spawn("a", T0.plus(Duration.ofDays(7)).plusSeconds(120), "/usr/bin/python3", "/bin/bash"), facts::add);
        assertEquals(Novelty.Status.QUARANTINED, ((Novelty) facts.get(0)).getStatus());
        facts.clear();
        restored.observe(spawn("a", T0.plus(Duration.ofDays(7)).plusSeconds(180), "/usr/bin/python3", "/usr/bin/git"), facts::add);
        assertEquals(List.of(), facts, "git is still known");
    }

    @Test
    void aBehaviourNotSeenForTheWholeWindowIsForgottenAndNewAgain() {
        learnWeek("b");
        observe(spawn("b", T0.plus(Duration.ofDays(3)), "/usr/bin/python3", "/usr/bin/curl"));
        assertTrue(observe(spawn("b", T0.plus(Duration.ofDays(9)), "/usr/bin/python3", "/usr/bin/curl")).isEmpty(),
                "six days later: still known");
        List<Object> facts = observe(spawn("b", T0.plus(Duration.ofDays(16).plusHours(1)), "/usr/bin/python3", "/usr/bin/curl"));
        assertEquals(1, facts.size(), "seven days and an hour after it was last seen it is new again");
    }

    @Test
    void anAgentKeepsAtMostTheCappedNumberOfKeysPerKind() {
        Baselines small = new Baselines(new BaselineSettings(Duration.ofDays(7), Duration.ofDays(7), 10, 4,
                Duration.ofMinutes(1), 2.0), new Interner(), a -> Set.of());
        for (int i = 0; i < 50; i++) {
            small.observe(spawn("c", T0.plusSeconds(i * 3600L), "/bin/sh", "/tmp/x" + i), f -> { });
        }
        assertEquals(10, small.profile("c").known().get("lineage").size());
        assertTrue(small.profile("c").known().get("lineage").stream().anyMatch(k -> k.key().equals("/bin/sh -> /tmp/x49")),
                "the newest is kept, the least recently seen go");
    }

    @Test
    void onlyReadingsAboveTheSevenDayP99ReachTheRules() {
        learnWeek("d");
        Instant day8 = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1));
        assertTrue(observe(cpu("d", day8, 0.3)).isEmpty());
        List<Object> facts = observe(cpu("d", day8.plusSeconds(300), 2.0));
        assertEquals(1, facts.size());
        double p99 = baselines.profile("d").figures().get("cpu cores (p99)");
        assertTrue(p99 >= 0.4 && p99 < 0.6, () -> "p99 of 0.2..0.4 readings, bucket upper bound: " + p99);
    }

    @Test
    void histogramPercentilesErrHighByLessThanABucket() {
        DailyHistogram h = new DailyHistogram(7, 0.001);
        for (int i = 1; i <= 1000; i++) {
            h.add(100, i / 1000.0, 1);
        }
        double p99 = h.percentile(100, 0.99);
        assertTrue(p99 >= 0.99 && p99 <= 0.99 * Math.sqrt(2), () -> "p99 " + p99);
    }

    @Test
    void bucketsAreHalfOctaves() {
        DailyHistogram h = new DailyHistogram(7, 0.001);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.exp(random.nextDouble() * 40 - 10);
            int expected = v > 0.001 ? Math.min(1 + (int) Math.floor(2 * Math.log(v / 0.001) / Math.log(2)), DailyHistogram.BUCKETS - 1) : 0;
            int actual = h.bucket(v);
            // the logarithm may round either way exactly at a boundary
            assertTrue(Math.abs(expected - actual) <= (Math.abs(2 * Math.log(v / 0.001) / Math.log(2) % 1) < 1e-9 ? 1 : 0),
                    () -> v + ": expected bucket " + expected + ", got " + actual);
            assertTrue(v <= h.upperBound(actual) * (1 + 1e-12) || actual == DailyHistogram.BUCKETS - 1, () -> v + " above its bucket");
        }
    }
}
