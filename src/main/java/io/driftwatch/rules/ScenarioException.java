package io.driftwatch.rules;

/** A scenario cannot be judged: a file of it is missing or unreadable, or the engine failed on its events. */
final class ScenarioException extends Exception {

    ScenarioException(String message) {
        super(message);
    }
}
