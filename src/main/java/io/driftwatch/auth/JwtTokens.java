package io.driftwatch.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import io.driftwatch.config.DriftwatchConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Bearer JWTs from the organisation's identity provider ({@code driftwatch.auth.jwt.*}): signed with one of its
 * keys by an asymmetric algorithm, from the configured issuer, for the configured audience, not expired. The caller
 * is {@code jwt:} + {@code preferred_username} (else {@code sub}); its roles come from the roles claim through the
 * mapping, and may be none (403 rather than 401: the token is good, it just grants nothing here).
 */
@ApplicationScoped
public class JwtTokens {

    private static final Logger LOG = Logger.getLogger(JwtTokens.class);
    /** Three base64url segments, the first a JSON object ("eyJ" is '{"'); the signature may be empty (alg none). */
    private static final Pattern SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** With HMAC the verification key would be a shared secret, and "none" verifies nothing. */
    private static final List<String> ALGORITHMS = List.of(AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
    /** The least time between two JWKS fetches caused by unknown key ids, so made-up ids cannot flood the IdP. */
    private static final long REFETCH_MILLIS = 10_000;

    private final DriftwatchConfig.Jwt settings;
    private final Clock clock;
    private final VerificationKeyResolver keys;

    public JwtTokens(DriftwatchConfig config, Clock clock) {
        this.settings = config.auth().jwt();
        this.clock = clock;
        if (settings.enabled() && settings.issuer().filter(i -> !i.isBlank()).isEmpty()) {
            throw new IllegalStateException("driftwatch.auth.jwt.enabled needs driftwatch.auth.jwt.issuer");
        }
        this.keys = settings.enabled() ? keys(settings) : null;
    }

    void start(@Observes StartupEvent ignored) {
        if (settings.enabled()) {
            LOG.infof("accepting identity-provider JWTs from issuer %s (keys: %s)", settings.issuer().orElseThrow(),
                    settings.jwksUrl().orElse("configured public key"));
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Whether a bearer value is a JWT rather than an API token (which has no dots). */
    public static boolean looksLikeJwt(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** Who the token names, with the roles it maps to; {@link JwtRejectedException} saying which check failed. */
    public Caller verify(String token) {
        JwtConsumerBuilder consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ALGORITHMS.toArray(String[]::new)))
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(settings.issuer().orElseThrow())
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) settings.clockSkew().toSeconds())
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()));
        settings.audience().ifPresentOrElse(consumer::setExpectedAudience, consumer::setSkipDefaultAudienceValidation);
        JwtClaims claims;
        try {
            // before any key is looked for: an HMAC or "none" token must not send us to the IdP for a key
            String alg = JsonWebStructure.fromCompactSerialization(token).getAlgorithmHeaderValue();
            if (!ALGORITHMS.contains(alg)) {
                throw new JwtRejectedException("the JWT's algorithm is not accepted: only " + String.join(", ", ALGORITHMS));
            }
            claims = consumer.build().processToClaims(token);
        } catch (JoseException e) {
            throw new JwtRejectedException("the JWT is malformed");
        } catch (InvalidJwtException e) {
            throw new JwtRejectedException(reason(e));
        }
        Object name = claims.getClaimValue("preferred_username");
        if (!(name instanceof String)) {
            name = claims.getClaimValue("sub");
        }
        if (!(name instanceof String s) || s.isBlank() || s.chars().anyMatch(Character::isISOControl)) {
            throw new JwtRejectedException("the JWT names no one: it needs a preferred_username or sub claim");
        }
        return new Caller("jwt:" + s, roles(claims.getClaimsMap()));
    }

    /** Which check failed, in words; never the token or its claims. */
    private String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the JWT has expired";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "the JWT is not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "the JWT has no expiry (exp)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "the JWT was not issued by " + settings.issuer().orElseThrow();
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the JWT is not meant for this service: its audience does not include " + settings.audience().orElseThrow();
        }
        Throwable unreachable = causedBy(e, IOException.class);
        if (unreachable != null) {
            LOG.warnf("cannot fetch the identity provider's keys from %s: %s", settings.jwksUrl().orElse(""), unreachable.getMessage());
            return "the identity provider's keys could not be fetched; try again later";
        }
        if (causedBy(e, UnresolvableKeyException.class) != null) {
            return "no key of the identity provider matches the JWT (kid)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "the JWT's signature does not verify with the identity provider's key";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the JWT is not signed";
        }
        return "the JWT is malformed";
    }

    private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    /** Every Driftwatch role one of the caller's groups maps to. */
    private Set<Role> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : settings.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(step) : null;
        }
        List<String> groups = new ArrayList<>();
        if (value instanceof String s) {
            groups.add(s);
        } else if (value instanceof Collection<?> c) {
            c.forEach(g -> groups.add(String.valueOf(g)));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        DriftwatchConfig.JwtRoles mapping = settings.roles();
        Map.of(Role.INGEST, mapping.ingest(), Role.ANALYST, mapping.analyst(), Role.ADMIN, mapping.admin())
                .forEach((role, names) -> {
                    if (names.stream().anyMatch(groups::contains)) {
                        roles.add(role);
                    }
                });
        return roles;
    }

    /** The configured key sources: the JWKS first (matched by key id), then the inline key. */
    private static VerificationKeyResolver keys(DriftwatchConfig.Jwt settings) {
        VerificationKeyResolver jwks = settings.jwksUrl().map(JwtTokens::jwks).orElse(null);
        VerificationKeyResolver inline = settings.publicKey().or(() -> settings.publicKeyFile().map(JwtTokens::read))
                .map(JwtTokens::inline).orElse(null);
        if (jwks == null && inline == null) {
            throw new IllegalStateException("driftwatch.auth.jwt.enabled needs driftwatch.auth.jwt.jwks-url, public-key "
                    + "or public-key-file");
        }
        if (jwks == null || inline == null) {
            return jwks == null ? inline : jwks;
        }
        return (jws, nesting) -> {
            try {
                return jwks.resolveKey(jws, nesting);
            } catch (UnresolvableKeyException notInJwks) {
                return inline.resolveKey(jws, nesting);
            }
        };
    }

    private static VerificationKeyResolver jwks(String url) {
        URI uri = URI.create(url);
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            // whoever can change the keys in transit can mint tokens
            throw new IllegalStateException("driftwatch.auth.jwt.jwks-url must be https (http only on loopback): " + url);
        }
        HttpsJwks jwks = new HttpsJwks(url);
        jwks.setRefreshReprieveThreshold(REFETCH_MILLIS);
        return new HttpsJwksVerificationKeyResolver(jwks);
    }

    /** A PEM public key stands for the IdP whatever key id a token names; a JWK or JWKS is matched by key id. */
    private static VerificationKeyResolver inline(String text) {
        String key = text.strip();
        try {
            if (key.startsWith("{")) {
                JsonWebKeySet set = key.contains("\"keys\"") ? new JsonWebKeySet(key) : new JsonWebKeySet("{\"keys\":[" + key + "]}");
                return new JwksVerificationKeyResolver(set.getJsonWebKeys());
            }
            PublicKey publicKey = pem(key);
            return (jws, nesting) -> publicKey;
        } catch (JoseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("driftwatch.auth.jwt.public-key is neither a PEM public key nor a JWK or JWKS: "
                    + e.getMessage(), e);
        }
    }

    private static PublicKey pem(String pem) throws GeneralSecurityException {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read driftwatch.auth.jwt.public-key-file " + file, e);
        }
    }
}
