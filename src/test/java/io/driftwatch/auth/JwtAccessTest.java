package io.driftwatch.auth;

import static io.driftwatch.auth.AccessTest.as;
import static io.driftwatch.auth.TestIdentityProvider.IMPOSTOR;
import static io.driftwatch.auth.TestIdentityProvider.KEY;
import static io.driftwatch.auth.TestIdentityProvider.PINNED;
import static io.driftwatch.auth.TestIdentityProvider.claims;
import static io.driftwatch.auth.TestIdentityProvider.sign;
import static io.driftwatch.auth.TestIdentityProvider.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import io.driftwatch.AsTestAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Identity-provider JWTs next to API tokens: the IdP's groups decide the roles, a good token that maps to no role
 * is refused with 403, and a token failing any check with 401 saying which check, never repeating the token.
 */
@QuarkusTest
@TestProfile(JwtTestProfile.class)
class JwtAccessTest {

    static final String NEW_TOKEN = "{\"name\":\"made-by-alice\",\"roles\":[\"ingest\"]}";

    @Test
    void anAdminGroupActsAsAdminAndIsNamedAsTheJwtsUser() {
        String alice = token("alice", "sec-platform-admins");
        as(alice).get("/tokens").then().statusCode(200);
        as(alice).contentType("application/json").body(NEW_TOKEN).post("/tokens").then().statusCode(201);
        given().get("/tokens").then().body("find { it.name == 'made-by-alice' }.createdBy", equalTo("jwt:alice"));
    }

    @Test
    void anAnalystGroupReadsButChangesNothing() {
        String bob = token("bob", "offline_access", "soc-analysts");
        as(bob).get("/alerts").then().statusCode(200);
        as(bob).contentType("application/json").body(NEW_TOKEN).post("/tokens").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("'jwt:bob' lacks the role admin"));
        as(bob).get("/tokens").then().statusCode(403);
    }

    @Test
    void aGoodTokenThatMapsToNoRoleIsForbidden() {
        as(token("carol", "offline_access", "uma_authorization")).get("/alerts").then().statusCode(403);
    }

    @Test
    void aKeyPinnedInlineIsAcceptedAsWellAsTheJwks() {
        as(sign(claims("erin", "soc-analysts"), PINNED)).get("/alerts").then().statusCode(200);
    }

    @Test
    void aTokenFailingACheckIsUnauthorizedAndTheDetailSaysWhich() {
        JwtClaims expired = claims("dave", "sec-platform-admins");
        expired.setExpirationTimeMinutesInTheFuture(-5);
        refused(sign(expired, KEY), "expired");

        JwtClaims otherIssuer = claims("dave", "sec-platform-admins");
        otherIssuer.setIssuer("https://other-idp.example/realms/corp");
        refused(sign(otherIssuer, KEY), "not issued by " + TestIdentityProvider.ISSUER);

        JwtClaims otherAudience = claims("dave", "sec-platform-admins");
        otherAudience.setAudience("grafana");
        refused(sign(otherAudience, KEY), "audience");

        JwtClaims forever = claims("dave", "sec-platform-admins");
        forever.unsetClaim("exp");
        refused(sign(forever, KEY), "no expiry");

        refused(sign(claims("dave", "sec-platform-admins"), IMPOSTOR), "signature");
        refused("eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2lnbmF0dXJl", "malformed");
    }

    @Test
    void onlyAsymmetricAlgorithmsAreAccepted() {
        JwtClaims claims = claims("mallory", "sec-platform-admins");
        String none = base64("{\"alg\":\"none\"}") + "." + base64(claims.toJson()) + ".";
        refused(none, "algorithm");

        // the classic confusion: the IdP's public key, which anyone has, used as an HMAC secret
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims.toJson());
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKeyIdHeaderValue(KEY.getKeyId());
        hmac.setKey(new HmacKey(KEY.getPublicKey().getEncoded()));
        refused(compact(hmac), "algorithm");
    }

    @Test
    void apiTokensKeepWorkingAlongside() {
        String analyst = AsTestAdmin.token("jwt-side-analyst", "analyst");
        as(analyst).get("/alerts").then().statusCode(200);
        as(analyst).contentType("application/json").body(NEW_TOKEN).post("/tokens").then().statusCode(403);
        as("dw_not-a-token").get("/alerts").then().statusCode(401).body("detail", containsString("unknown or revoked"));
    }

    private static void refused(String token, String detail) {
        as(token).get("/alerts").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString(detail))
                .body(not(containsString(token)));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String compact(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
