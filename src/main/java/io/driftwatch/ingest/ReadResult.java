package io.driftwatch.ingest;

import io.driftwatch.event.Event;
import java.util.List;

/**
 * What {@link EventReader} made of a body: the events it accepted and a reason for each problem of each
 * rejected event. An event with several problems has several rejections, all with its index; rejections are
 * ordered by index. A format adapter may also list records it read but deliberately did not turn into events
 * (an audit record's intermediate stage, say) in {@code ignored}, each with the reason, so nothing disappears
 * without a word.
 */
public record ReadResult(List<Indexed> events, List<Rejection> rejections, List<Rejection> ignored) {

    /** An accepted event and its 0-based position in the body (array element or non-blank NDJSON line). */
    public record Indexed(int index, Event event) {}

    /**
     * One problem of a rejected event.
     *
     * @param index  0-based position of the event in the body
     * @param line   1-based physical line for NDJSON, null for JSON
     * @param field  dotted path inside the event ({@code process.pid}, {@code process.args[2]}); empty when the
     *               problem is the event as a whole (not an object, malformed JSON)
     * @param reason what was wrong and what is expected, for a person
     */
    public record Rejection(int index, Integer line, String field, String reason) {}

    public ReadResult {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
        ignored = List.copyOf(ignored);
    }

    public ReadResult(List<Indexed> events, List<Rejection> rejections) {
        this(events, rejections, List.of());
    }

    /** How many events were rejected (not how many problems were found). */
    public int rejectedCount() {
        int count = 0;
        int last = -1;
        for (Rejection r : rejections) {
            if (r.index() != last) {
                count++;
                last = r.index();
            }
        }
        return count;
    }
}
