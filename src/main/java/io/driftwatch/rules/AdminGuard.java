package io.driftwatch.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.config.DriftwatchConfig;
import io.quarkus.runtime.Startup;

/**
 * Only the admin changes rules. Until API tokens and roles arrive (storage/security issue), the admin is whoever
 * presents {@code Authorization: Bearer <driftwatch.admin-token>}; with none configured a random token is
 * generated at start and written to the log once, so a fresh install is usable but never open.
 */
@ApplicationScoped
@Startup // the generated token must be in the log from the start, not after the first rule request
public class AdminGuard {

    private static final Logger LOG = Logger.getLogger(AdminGuard.class);

    private final byte[] token;

    public AdminGuard(DriftwatchConfig config) {
        String configured = config.adminToken().orElse(null);
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warnf("no driftwatch.admin-token configured; rule changes need this token for this run: %s", configured);
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws 401 without credentials and 403 with the wrong ones. */
    public void require(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ProblemException(Problem.of(401, "Unauthorized",
                    "changing rules needs the admin token: Authorization: Bearer <driftwatch.admin-token>"));
        }
        byte[] presented = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, presented)) {
            throw new ProblemException(Problem.of(403, "Forbidden", "the token presented is not the admin token"));
        }
    }
}
