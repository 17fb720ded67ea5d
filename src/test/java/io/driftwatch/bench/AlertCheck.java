package io.driftwatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Alerts found, by (agent, rule), compared with the expected ones. */
final class AlertCheck {

    /** An (agent, rule) pair and how many detections or alerts carried it. */
    record Found(String agentId, String rule) {}

    private final Map<Found, LongAdder> found = new ConcurrentHashMap<>();
    /** The first detection's own words for each pair: what to look at when it was not expected. */
    private final Map<Found, String> firstSummary = new ConcurrentHashMap<>();

    void add(String agentId, String rule, String summary) {
        Found f = new Found(agentId, rule);
        found.computeIfAbsent(f, k -> new LongAdder()).increment();
        if (summary != null) {
            firstSummary.putIfAbsent(f, summary);
        }
    }

    long total() {
        return found.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Prints matched / missed / unexpected; returns true when every expected pair was found and nothing else. */
    boolean report(List<ExpectedAlerts.Pair> expected, StringBuilder out) {
        if (expected == null) {
            out.append(String.format("alerts: %d detections over %d (agent, rule) pairs; no expected alerts known%n",
                    total(), found.size()));
            byRule(found.keySet(), out);
            return true;
        }
        Set<Found> want = new LinkedHashSet<>();
        Map<Found, ExpectedAlerts.Pair> why = new LinkedHashMap<>();
        for (ExpectedAlerts.Pair p : expected) {
            Found f = new Found(p.agentId(), p.rule());
            want.add(f);
            why.put(f, p);
        }
        List<Found> missed = new ArrayList<>();
        int matched = 0;
        for (Found f : want) {
            if (found.containsKey(f)) {
                matched++;
            } else {
                missed.add(f);
            }
        }
        List<Found> unexpected = found.keySet().stream().filter(f -> !want.contains(f))
                .sorted((a, b) -> (a.rule() + a.agentId()).compareTo(b.rule() + b.agentId())).toList();
        out.append(String.format("alerts: injected %d (agent, rule) pairs; found %d pairs from %d detections: "
                + "matched %d, missed %d, unexpected %d%n", want.size(), found.size(), total(), matched, missed.size(),
                unexpected.size()));
        for (Found f : missed) {
            ExpectedAlerts.Pair p = why.get(f);
            out.append(String.format("  MISSED     %-14s %-13s at %s: %s%n", f.agentId(), p.anomaly(), p.time(), f.rule()));
        }
        for (int i = 0; i < Math.min(20, unexpected.size()); i++) {
            Found f = unexpected.get(i);
            out.append(String.format("  UNEXPECTED %-14s x%d: %s%n", f.agentId(), found.get(f).sum(), f.rule()));
            if (firstSummary.containsKey(f)) {
                out.append("             first: ").append(firstSummary.get(f)).append('\n');
            }
        }
        if (unexpected.size() > 20) {
            out.append(String.format("  ... and %d more unexpected%n", unexpected.size() - 20));
            byRule(new LinkedHashSet<>(unexpected), out);
        }
        return missed.isEmpty() && unexpected.isEmpty();
    }

    private static void byRule(Set<Found> pairs, StringBuilder out) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        pairs.forEach(f -> counts.merge(f.rule(), 1, Integer::sum));
        counts.forEach((rule, n) -> out.append(String.format("  %6d agents: %s%n", n, rule)));
    }
}
