package io.driftwatch.rules;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.auth.Caller;
import io.driftwatch.auth.JwtRejectedException;
import io.driftwatch.auth.Role;
import io.driftwatch.auth.Tokens;

/**
 * The admin check the changing endpoints make themselves, on top of the access filter: a change to rules or
 * approved configuration must never rest on one check alone.
 */
@ApplicationScoped
public class AdminGuard {

    private final Tokens tokens;

    public AdminGuard(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Throws 401 without valid credentials and 403 without the admin role; returns who it is. */
    public Caller require(String authorization) {
        Caller caller;
        try {
            caller = tokens.fromHeader(authorization).orElseThrow(() -> new ProblemException(Problem.of(401, "Unauthorized",
                    "this change needs an admin token: Authorization: Bearer <token>")));
        } catch (JwtRejectedException e) {
            throw new ProblemException(Problem.of(401, "Unauthorized", e.getMessage()));
        }
        if (!caller.may(Role.ADMIN)) {
            throw new ProblemException(Problem.of(403, "Forbidden", "token '" + caller.name() + "' is not an admin token"));
        }
        return caller;
    }
}
