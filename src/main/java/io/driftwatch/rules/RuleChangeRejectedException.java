package io.driftwatch.rules;

import java.util.List;

/** A proposed rule set compiles but breaks scenarios (or the sandbox); the running rules stay in force. */
public class RuleChangeRejectedException extends RuntimeException {

    private final List<Object> errors;

    public RuleChangeRejectedException(String message, List<?> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<Object> errors() {
        return errors;
    }
}
