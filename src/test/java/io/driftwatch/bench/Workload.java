package io.driftwatch.bench;

import java.util.List;

import io.driftwatch.event.Event;

/** A fleet's events, one day at a time: generated, or read from an NDJSON file in the event contract. */
interface Workload {

    String description();

    int days();

    /** Day {@code d}'s events as objects, in event-time order. */
    List<Event> events(int d);

    /** Day {@code d}'s events as NDJSON lines, in event-time order. */
    NdjsonDay ndjson(int d);

    /** What was injected and must be found; empty when nobody recorded it. */
    List<FleetGenerator.Anomaly> anomalies();
}
