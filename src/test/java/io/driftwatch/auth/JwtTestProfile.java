package io.driftwatch.auth;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Identity-provider JWTs on, Keycloak-style: keys from the test IdP's JWKS plus one pinned PEM key, roles from
 * {@code realm_access.roles} under the IdP's own names, and a database of its own.
 */
public class JwtTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("driftwatch.auth.jwt.enabled", "true"),
                Map.entry("driftwatch.auth.jwt.issuer", TestIdentityProvider.ISSUER),
                Map.entry("driftwatch.auth.jwt.audience", TestIdentityProvider.AUDIENCE),
                Map.entry("driftwatch.auth.jwt.jwks-url", TestIdentityProvider.jwksUrl()),
                Map.entry("driftwatch.auth.jwt.public-key", TestIdentityProvider.pinnedPem()),
                Map.entry("driftwatch.auth.jwt.roles-claim", "realm_access.roles"),
                Map.entry("driftwatch.auth.jwt.roles.admin", "sec-platform-admins"),
                Map.entry("driftwatch.auth.jwt.roles.analyst", "soc-analysts,sec-platform-readers"),
                Map.entry("driftwatch.admin-token", "test-admin-token"),
                Map.entry("quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:jwt-test;DB_CLOSE_DELAY=-1"));
    }
}
