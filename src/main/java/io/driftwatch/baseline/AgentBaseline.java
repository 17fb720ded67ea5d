package io.driftwatch.baseline;

import java.util.HashMap;
import java.util.Map;

import io.driftwatch.event.BehaviourKind;

/**
 * What one agent normally does, as summaries: known behaviours with the hour last seen, behaviours held in
 * quarantine, first-seen counts per day, API calls per hour and resource distributions per day. Owned by one
 * engine shard's thread; never shared.
 */
final class AgentBaseline {

    final String agentId;
    long firstSeen;
    long lastSeen;
    final BehaviourSet[] known = new BehaviourSet[BehaviourKind.values().length];
    final BehaviourSet destinationIps = new BehaviourSet();
    /** behaviour key ({@code kind:key}) -> when it was last handed to the rules */
    Map<String, Long> quarantined;
    SlidingCounts[] firstSeenPerDay;
    final Map<String, ApiSeries> api = new HashMap<>(4);
    ResourceSeries cpu;
    ResourceSeries egress;
    boolean dirty;

    AgentBaseline(String agentId, long firstSeen) {
        this.agentId = agentId;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
        for (int i = 0; i < known.length; i++) {
            known[i] = new BehaviourSet();
        }
    }

    BehaviourSet known(BehaviourKind kind) {
        return known[kind.ordinal()];
    }

    /** First-seen behaviours of a kind per day: the window's days and today. */
    SlidingCounts firstSeen(BehaviourKind kind, int windowDays) {
        if (firstSeenPerDay == null) {
            firstSeenPerDay = new SlidingCounts[BehaviourKind.values().length];
        }
        SlidingCounts c = firstSeenPerDay[kind.ordinal()];
        if (c == null) {
            c = firstSeenPerDay[kind.ordinal()] = new SlidingCounts(windowDays + 1);
        }
        return c;
    }

    Map<String, Long> quarantined() {
        if (quarantined == null) {
            quarantined = new HashMap<>(4);
        }
        return quarantined;
    }

    boolean isQuarantined(String behaviourKey) {
        return quarantined != null && quarantined.containsKey(behaviourKey);
    }

    /** API calls of one principal (or all of them, principal {@code *}) per hour, with cached baseline figures. */
    static final class ApiSeries {
        /** the window's hours and the current one */
        final SlidingCounts hourly;
        int figuresHour = Integer.MIN_VALUE;
        double average;
        double p99;
        long lastReportedMinute = Long.MIN_VALUE;

        ApiSeries(int windowHours) {
            hourly = new SlidingCounts(windowHours + 1);
        }

        /** Calls in the hour that ends at {@code millis}: this hour plus the unelapsed share of the previous one. */
        double slidingHour(long millis) {
            int hour = (int) (millis / 3_600_000L);
            double elapsed = (millis % 3_600_000L) / 3_600_000.0;
            return hourly.get(hour) + hourly.get(hour - 1) * (1.0 - elapsed);
        }
    }

    /** One resource metric: its distribution and the run of readings above p99 in progress. */
    static final class ResourceSeries {
        final DailyHistogram histogram;
        long runId;
        long runEnd = Long.MIN_VALUE;

        ResourceSeries(int windowDays, double smallest) {
            histogram = new DailyHistogram(windowDays, smallest);
        }
    }
}
