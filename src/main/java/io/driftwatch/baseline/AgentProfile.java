package io.driftwatch.baseline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.driftwatch.event.BehaviourKind;

/** The learned profile of one agent, as {@code GET /agents/{id}/baseline} shows it. */
public record AgentProfile(String agentId, Instant firstSeen, Instant lastSeen, String mode, Instant matureAt,
                           Map<String, List<Known>> known, List<Known> destinationIps, List<String> quarantined,
                           Map<String, Double> figures) {

    /** A known behaviour and the hour it was last seen. */
    public record Known(String key, Instant lastSeen) {}

    static AgentProfile of(AgentBaseline a, BaselineSettings settings) {
        long now = a.lastSeen;
        Instant matureAt = Instant.ofEpochMilli(a.firstSeen).plus(settings.learningPeriod());
        String mode = now >= matureAt.toEpochMilli() ? "detecting" : "learning";
        Map<String, List<Known>> known = new LinkedHashMap<>();
        for (BehaviourKind kind : BehaviourKind.values()) {
            known.put(kind.json(), list(a.known(kind)));
        }
        List<String> quarantined = a.quarantined == null ? List.of() : a.quarantined.keySet().stream().sorted().toList();
        Map<String, Double> figures = new TreeMap<>();
        int day = (int) (now / 86_400_000L);
        int hours = (int) Math.max(1, Math.min(settings.windowHours(), (now - a.firstSeen) / 3_600_000L));
        for (BehaviourKind kind : BehaviourKind.values()) {
            if (a.firstSeenPerDay != null && a.firstSeenPerDay[kind.ordinal()] != null) {
                figures.put("first-seen " + kind.json() + " per hour (average)",
                        round(Baselines.hourlyFirstSeenAverage(a, kind, now, settings.windowDays())));
            }
        }
        a.api.forEach((principal, s) -> {
            String who = "*".equals(principal) ? "all principals" : principal;
            int hour = (int) (now / 3_600_000L);
            figures.put("api calls per hour by " + who + " (average)", round((double) s.hourly.sumBefore(hour, hours) / hours));
            figures.put("api calls per hour by " + who + " (p99)", round(s.hourly.p99Before(hour, hours)));
        });
        if (a.cpu != null) {
            figures.put("cpu cores (p99)", round(a.cpu.histogram.percentile(day, 0.99)));
        }
        if (a.egress != null) {
            figures.put("egress bytes per second (p99)", round(a.egress.histogram.percentile(day, 0.99)));
        }
        return new AgentProfile(a.agentId, Instant.ofEpochMilli(a.firstSeen), Instant.ofEpochMilli(a.lastSeen), mode,
                matureAt, known, list(a.destinationIps), quarantined, figures);
    }

    private static List<Known> list(BehaviourSet set) {
        List<Known> out = new ArrayList<>(set.size());
        set.forEach((key, hour) -> out.add(new Known(key, Instant.ofEpochMilli(hour * 3_600_000L))));
        out.sort(Comparator.comparing(Known::key));
        return out;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
