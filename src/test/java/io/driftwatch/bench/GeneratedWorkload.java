package io.driftwatch.bench;

import java.util.List;

import io.driftwatch.event.Event;

/** The {@link FleetGenerator}'s fleet; each day is generated again when asked for, so it never has to be held twice. */
final class GeneratedWorkload implements Workload {

    private final FleetGenerator generator;

    GeneratedWorkload(FleetGenerator generator) {
        this.generator = generator;
    }

    @Override
    public String description() {
        FleetGenerator.Settings s = generator.settings();
        return String.format("generated fleet: seed %d, %,d agents, %d days, ~%d events per agent and day, %d anomalies per kind",
                s.seed(), s.agents(), s.days(), s.eventsPerAgentDay(), s.anomaliesPerKind());
    }

    @Override
    public int days() {
        return generator.days();
    }

    @Override
    public List<Event> events(int d) {
        return generator.day(d);
    }

    @Override
    public NdjsonDay ndjson(int d) {
        return NdjsonDay.of(generator.day(d));
    }

    @Override
    public List<FleetGenerator.Anomaly> anomalies() {
        return generator.anomalies();
    }
}
