package io.driftwatch.ingest;

import io.driftwatch.event.Event;
import java.util.List;

/**
 * What a feed's mapper made of one record: its events, or why it was deliberately left out ({@code ignored}),
 * or the problems that kept it from being mapped. Exactly one of the three is non-empty.
 */
public record Mapped(List<Event> events, String ignored, List<Problem> problems) {

    /** One reason a record was rejected: the dotted path of the field in the record, empty for the whole record. */
    public record Problem(String field, String reason) {}

    public Mapped {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    public static Mapped of(Event... events) {
        return new Mapped(List.of(events), null, List.of());
    }

    public static Mapped ignored(String reason) {
        return new Mapped(List.of(), reason, List.of());
    }

    public static Mapped rejected(List<Problem> problems) {
        return new Mapped(List.of(), null, problems);
    }
}
