package io.driftwatch.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.driftwatch.alert.Detection;
import io.driftwatch.alert.DetectionListener;

/**
 * Deduplicates detections as the alert store does during a replay, where no alert is closed: one alert per
 * agent, rule, behaviour key and status, with the highest severity of its detections. Shards call it from their threads.
 */
final class DeduplicatedAlerts implements DetectionListener {

    /** The alert store's order; a severity outside it (a rule's own {@code .severity(..)}) ranks below low. */
    private static final List<String> ORDER = List.of("low", "medium", "high", "critical");

    private record Key(String agentId, String rule, String behaviourKey, String status) {
    }

    private final Map<Key, String> severities = new LinkedHashMap<>();

    @Override
    public synchronized void onDetections(List<Detection> detections) {
        for (Detection d : detections) {
            severities.merge(new Key(d.agentId(), d.rule(), d.behaviourKey(), d.status()), d.severity(),
                    DeduplicatedAlerts::higher);
        }
    }

    synchronized Set<ExpectedAlert> alerts() {
        Set<ExpectedAlert> out = new java.util.TreeSet<>();
        severities.forEach((k, severity) -> out.add(new ExpectedAlert(k.agentId(), k.rule(), k.behaviourKey(), String.valueOf(severity),
                k.status())));
        return out;
    }

    /** As AlertStore: the later severity wins only when it ranks strictly higher. */
    private static String higher(String open, String next) {
        return ORDER.indexOf(next) > ORDER.indexOf(open) ? next : open;
    }
}
