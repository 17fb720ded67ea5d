package io.driftwatch.change;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Fixed test keys (generated with openssl for these tests only) and how CI signs with them. */
public final class DeploymentTestKeys {

    public static final String HMAC_KEY = "test-hmac-key-0123456789abcdef0123456789abcdef";
    public static final String PIPELINE = "shop-web-release";
    /** Ed25519 key pair of {@link #PIPELINE}: PKCS#8 private, X.509 public, both DER in base64. */
    public static final String ED_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIMQ/Pm6JG/6aRLNzMbG8ed/CUJYw84qFVh7kIF47tnWR";
    public static final String ED_PUBLIC = "MCowBQYDK2VwAyEA8JOIzTfa52Vf0RXBMHuGRjPBUexVCWBruofD9aMfbX0=";
    /** A key pair nobody configured. */
    public static final String OTHER_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIP3u9LgvNRMkaMWKiBijejiXldJPB1xF2UeQkWpqJ1Cb";
    public static final String OTHER_PUBLIC = "MCowBQYDK2VwAyEAg0/jhZgr2s8DabJJkmMyUr0+8oy5W48LaXc1xzlgIZs=";

    private DeploymentTestKeys() {}

    public static String hmac(String body) {
        return hmac(body, HMAC_KEY);
    }

    public static String hmac(String body, String key) {
        return hmac(body.getBytes(StandardCharsets.UTF_8), key);
    }

    /** The X-Driftwatch-Signature value CI sends for these exact bytes. */
    public static String hmac(byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "hmac-sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String ed25519(String body) {
        return ed25519(body, ED_PRIVATE);
    }

    public static String ed25519(String body, String privateKey) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(body.getBytes(StandardCharsets.UTF_8));
            return "ed25519=" + Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid record body (event times in 2026). */
    public static String record(String id, String pipeline, String agent) {
        return "{" + (id == null ? "" : "\"id\": \"" + id + "\", ") + "\"service\": \"shop-web\", "
                + "\"workload\": \"Deployment/shop/web\", "
                + "\"scope\": {\"agents\": [\"" + agent + "\"], \"groups\": [\"shop\"], \"cluster\": \"prod-eu\", "
                + "\"namespace\": \"shop\", \"account\": \"111122223333\"}, "
                + "\"commit\": \"9fceb02d0ae598e95dc970b74767f19372d61af8\", "
                + "\"images\": [{\"name\": \"registry.example/shop/web:1.4.2\", "
                + "\"digest\": \"sha256:4F1C0EE5B0D54C0F2A4E6D1F7D2B9A8C3E5F60718293A4B5C6D7E8F90A1B2C3D\"}], "
                + "\"pipeline\": {\"name\": \"" + pipeline + "\", \"runId\": \"4711\", \"url\": \"https://ci.example/runs/4711\"}, "
                + "\"actor\": \"alice@example.com\", \"startedAt\": \"2026-11-20T10:00:00Z\", "
                + "\"finishedAt\": \"2026-11-20T10:04:00+00:00\", "
                + "\"expects\": {\"lineages\": [\"/usr/bin/python3 -> /usr/bin/git\"], "
                + "\"moduleHashes\": [\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"], "
                + "\"destinations\": [\"api.github.com\"], \"configObjects\": [\"Deployment/shop/web\"]}}";
    }
}
