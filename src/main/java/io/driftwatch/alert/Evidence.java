package io.driftwatch.alert;

import io.driftwatch.event.Event;

/** One piece of evidence on an alert: what it is, in words, the behaviour it concerns, and the event behind it. */
public record Evidence(String kind, String summary, String behaviour, Event event) {
}
