package io.driftwatch.alert;

import io.driftwatch.event.Event;

/**
 * One piece of evidence on an alert: what it is, in words, the behaviour it concerns, and the event behind it.
 * Configuration drift also shows the approved and the observed setting side by side, and who made the change.
 */
public record Evidence(String kind, String summary, String behaviour, Event event, String approved, String observed,
                       String actor) {

    public Evidence(String kind, String summary, String behaviour, Event event) {
        this(kind, summary, behaviour, event, null, null, null);
    }
}
