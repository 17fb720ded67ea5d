package io.driftwatch.auth;

import java.util.Set;

/** Who presented a token: its name (never the token) and its roles. */
public record Caller(String name, Set<Role> roles) {

    public boolean may(Role required) {
        return roles.contains(Role.ADMIN) || roles.contains(required);
    }
}
