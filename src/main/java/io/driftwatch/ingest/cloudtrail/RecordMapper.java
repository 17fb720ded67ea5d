package io.driftwatch.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one parsed record into its events: config events when it is a successful configuration change the
 * mappers know, else one api event. Never none: a record is either events or rejections.
 */
final class RecordMapper {

    /** The events of a record, or the problems that rejected it. */
    record Mapped(List<Event> events, List<BadField> problems) {}

    private final Map<String, ChangeMapper> byService;

    RecordMapper(RecordParser parser) {
        PolicyDocuments documents = new PolicyDocuments(parser);
        this.byService = Map.of(
                "ec2.amazonaws.com", new Ec2Changes(),
                "iam.amazonaws.com", new IamChanges(documents),
                "cloudtrail.amazonaws.com", new LoggingChanges());
    }

    Mapped map(JsonNode node) {
        At root = new At(node, "");
        List<BadField> problems = new ArrayList<>(2);
        if (node.has("Records") && !node.has("eventTime")) {
            problems.add(new BadField("", "a whole CloudTrail log file where a record was expected; send each log file"
                    + " as its own JSON body"));
            return new Mapped(List.of(), problems);
        }
        CloudTrailRecord r = CloudTrailRecord.read(root, problems);
        if (r == null) {
            return new Mapped(List.of(), problems);
        }
        List<Change> changes;
        try {
            changes = changes(r);
        } catch (BadField e) {
            return new Mapped(List.of(), List.of(e));
        }
        if (changes.isEmpty()) {
            return new Mapped(List.of(event(r, r.eventId(), EventType.API, ApiCalls.of(r), null)), List.of());
        }
        List<Event> events = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            Event.Config config = new Event.Config(c.kind(), c.id(), c.change(), null, c.after(), r.actor(),
                    c.namespace(), c.name());
            events.add(event(r, eventId(r.eventId(), i), EventType.CONFIG, null, config));
        }
        return new Mapped(events, List.of());
    }

    /** A failed call changed nothing; other records go to their service's mapper, if it has one. */
    private List<Change> changes(CloudTrailRecord r) {
        if (r.failed()) {
            return List.of();
        }
        ChangeMapper mapper = byService.get(r.eventSource());
        return mapper == null ? List.of() : mapper.changes(r);
    }

    /**
     * The first event of a record keeps its eventID; the n-th gets eventID#n, since the engine drops an event
     * whose id it has seen within the dedup window.
     */
    private static String eventId(String eventId, int i) {
        return eventId == null || i == 0 ? eventId : eventId + "#" + (i + 1);
    }

    private static Event event(CloudTrailRecord r, String id, EventType type, Event.Api api, Event.Config config) {
        return new Event(id, r.agentId(), r.time(), type, null, null, null, null, api, null, config);
    }
}
