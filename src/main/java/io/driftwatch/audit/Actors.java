package io.driftwatch.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.auth.Caller;
import io.driftwatch.auth.JwtRejectedException;
import io.driftwatch.auth.Tokens;

/** Who made a request, by its bearer token's name (never the token): the actor of its audit entry. */
@ApplicationScoped
public class Actors {

    private final Tokens tokens;

    public Actors(Tokens tokens) {
        this.tokens = tokens;
    }

    /** The caller's name; "unknown" when the header carries no valid token (the access filter let it through). */
    public String of(String authorization) {
        try {
            return tokens.fromHeader(authorization).map(Caller::name).orElse("unknown");
        } catch (JwtRejectedException e) {
            return "unknown";
        }
    }
}
