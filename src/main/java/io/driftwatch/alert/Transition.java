package io.driftwatch.alert;

import java.time.Instant;

/** One move of an alert between states: who made it (a token's or identity's name, or the engine), when and why. */
public record Transition(String from, String to, String by, Instant at, String reason) {
}
