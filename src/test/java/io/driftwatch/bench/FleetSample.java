package io.driftwatch.bench;

import java.util.ArrayList;
import java.util.List;

import io.driftwatch.event.Event;

/** A small generated fleet for tests outside this package: eight days of NDJSON with anomalies on the last. */
public final class FleetSample {

    private FleetSample() {
    }

    /** Every event, in event-time order, as NDJSON lines. */
    public static List<String> lines(int agents, int eventsPerAgentDay, int anomaliesPerKind, long seed) {
        FleetGenerator g = new FleetGenerator(new FleetGenerator.Settings(seed, agents,
                FleetGenerator.MIN_DAYS_FOR_ANOMALIES, eventsPerAgentDay, anomaliesPerKind));
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(512);
        for (int d = 0; d < g.days(); d++) {
            for (Event e : g.day(d)) {
                line.setLength(0);
                NdjsonWriter.append(line, e);
                out.add(line.toString());
            }
        }
        return out;
    }
}
