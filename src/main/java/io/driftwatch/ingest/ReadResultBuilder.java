package io.driftwatch.ingest;

import io.driftwatch.event.Event;
import io.driftwatch.ingest.ReadResult.Indexed;
import io.driftwatch.ingest.ReadResult.Rejection;
import java.util.ArrayList;
import java.util.List;

/** The events and rejections of one body, collected in body order. */
final class ReadResultBuilder {

    private final List<Indexed> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    /** Keeps the event, or rejects it with each of its problems when it has any. */
    void add(int index, Integer line, Event event, FieldProblems problems) {
        if (event != null) {
            events.add(new Indexed(index, event));
            return;
        }
        for (FieldProblems.Problem p : problems.list()) {
            rejections.add(new Rejection(index, line, p.field(), p.reason()));
        }
    }

    void reject(int index, Integer line, String field, String reason) {
        rejections.add(new Rejection(index, line, field, reason));
    }

    ReadResult result() {
        return new ReadResult(events, rejections);
    }
}
