package io.driftwatch.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in identity provider: RSA keys made for this run, the JWKS it serves on a loopback port, and the tokens
 * it signs. Keycloak-shaped: roles under {@code realm_access.roles}.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://idp.example/realms/corp";
    public static final String AUDIENCE = "driftwatch";
    /** The key the JWKS publishes. */
    public static final RsaJsonWebKey KEY = generate("idp-key-1");
    /** A key configured inline as PEM, as an operator would pin one. */
    public static final RsaJsonWebKey PINNED = generate("pinned-key");
    /** A key nobody configured, under the JWKS key's id. */
    public static final RsaJsonWebKey IMPOSTOR = generate("idp-key-1");

    private static HttpServer server;

    private TestIdentityProvider() {}

    /** Starts serving the JWKS on first use; one server for the whole run. */
    public static synchronized String jwksUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            byte[] jwks = new JsonWebKeySet(KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** The public key of {@link #PINNED} as PEM. */
    public static String pinnedPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(PINNED.getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Claims of a fresh token for this user with these realm roles, valid for five minutes. */
    public static JwtClaims claims(String user, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("0b6f3c1e-" + user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("realm_access", Map.of("roles", List.of(roles)));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    public static String token(String user, String... roles) {
        return sign(claims(user, roles), KEY);
    }

    public static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey generate(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
