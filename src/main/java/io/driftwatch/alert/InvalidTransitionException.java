package io.driftwatch.alert;

import java.util.List;

/** A move the state machine does not allow from the alert's current state (HTTP 409). */
public class InvalidTransitionException extends RuntimeException {

    /** What the 409's errors say: the alert, its state, the state asked for, the states it may move to. */
    public record Detail(String alertId, String currentStatus, String requested, List<String> allowed) {
    }

    private final String alertId;
    private final String current;
    private final String requested;
    private final List<String> allowed;

    public InvalidTransitionException(String alertId, String current, String requested) {
        super("alert " + alertId + " is " + current + " and cannot become " + requested + "; allowed from " + current
                + ": " + (AlertStates.next(current).isEmpty() ? "none (a final state)" : String.join(", ", AlertStates.next(current))));
        this.alertId = alertId;
        this.current = current;
        this.requested = requested;
        this.allowed = AlertStates.next(current);
    }

    public String alertId() { return alertId; }
    public String current() { return current; }
    public String requested() { return requested; }
    public List<String> allowed() { return allowed; }
}
