package io.driftwatch.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.driftwatch.config.DriftwatchConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * API tokens: created with roles, stored only as their SHA-256, shown once. A bootstrap admin token can come
 * from configuration ({@code driftwatch.admin-token}, e.g. the environment variable DRIFTWATCH_ADMIN_TOKEN) for
 * automation. With none configured and no admin token stored, the first start generates one, stores its hash,
 * writes it to {@code <data>/admin-token} (owner-only) and prints it once on the console, never to the log.
 */
@ApplicationScoped
public class Tokens {

    private static final Logger LOG = Logger.getLogger(Tokens.class);
    static final String PREFIX = "dw_";

    private final TokenStore store;
    private final JwtTokens jwt;
    private final Clock clock;
    private final byte[] bootstrapHash;
    private final Path tokenFile;
    private final Map<String, Caller> byHash = new ConcurrentHashMap<>();

    public Tokens(TokenStore store, JwtTokens jwt, Clock clock, DriftwatchConfig config) {
        this.store = store;
        this.jwt = jwt;
        this.clock = clock;
        this.bootstrapHash = config.adminToken().filter(t -> !t.isBlank()).map(t -> hash(t).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        this.tokenFile = Path.of(config.auth().tokenFile());
    }

    void firstStart(@Observes StartupEvent ignored) {
        if (bootstrapHash != null || store.anyActiveAdmin()) {
            return;
        }
        String token = create("admin (generated at first start)", EnumSet.of(Role.ADMIN), "driftwatch").token();
        try {
            Files.createDirectories(tokenFile.toAbsolutePath().getParent());
            Files.writeString(tokenFile, token + "\n");
            Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("could not write the generated admin token to %s: %s", tokenFile, e.getMessage());
        }
        // printed once, on the console only: the log (and whatever collects it) never holds a token
        System.out.println("\nDriftwatch generated an admin token (shown once, also in " + tokenFile + "):\n  " + token
                + "\nUse it as 'Authorization: Bearer <token>'; create narrower tokens with POST /tokens.\n");
        LOG.infof("no admin token configured or stored: generated one, written to %s", tokenFile);
    }

    /** A new token and its id; the secret exists only in this answer. */
    public record Created(String id, String name, Set<Role> roles, String token) {
    }

    public Created create(String name, Set<Role> roles, String by) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = UUID.randomUUID().toString();
        store.add(id, name, hash(token), roles, by, clock.instant());
        LOG.infof("token %s (%s) created by %s with roles %s", id, name, by, roles);
        return new Created(id, name, roles, token);
    }

    public boolean revoke(String id, String by) {
        boolean revoked = store.revoke(id, by, clock.instant());
        byHash.clear(); // a revoked token stops working at once
        if (revoked) {
            LOG.infof("token %s revoked by %s", id, by);
        }
        return revoked;
    }

    /**
     * Who the bearer token belongs to, if anyone. With identity-provider JWTs on, a JWT-shaped token is verified as
     * one and a failed check is a {@link JwtRejectedException}; anything else is looked up as an API token.
     */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (jwt.enabled() && JwtTokens.looksLikeJwt(token)) {
            return Optional.of(jwt.verify(token));
        }
        String hash = hash(token);
        if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, hash.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller("bootstrap admin", EnumSet.of(Role.ADMIN)));
        }
        Caller cached = byHash.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Caller> found = store.byHash(hash).map(t -> new Caller(t.name(), t.roles()));
        found.ifPresent(c -> byHash.put(hash, c));
        return found;
    }

    /** The caller of an {@code Authorization: Bearer <token>} header, if any (see {@link #authenticate}). */
    public Optional<Caller> fromHeader(String authorization) {
        return authenticate(authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : null);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
