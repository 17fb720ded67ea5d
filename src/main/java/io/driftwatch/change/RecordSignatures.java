package io.driftwatch.change;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Driftwatch-Signature} over the exact body bytes: {@code hmac-sha256=<hex>} with the shared HMAC
 * key, or {@code ed25519=<base64>} with the public key configured for the record's pipeline. A pipeline may list
 * several Ed25519 keys, comma-separated, so a key can be rotated while records signed with the old one are kept.
 */
public final class RecordSignatures {

    public static final String HEADER = "X-Driftwatch-Signature";
    public static final String HMAC = "hmac-sha256";
    public static final String ED25519 = "ed25519";
    static final int MAX_HEADER = 512;

    private final byte[] hmacKey;
    private final Map<String, List<PublicKey>> ed25519;

    private RecordSignatures(byte[] hmacKey, Map<String, List<PublicKey>> ed25519) {
        this.hmacKey = hmacKey;
        this.ed25519 = ed25519;
    }

    /**
     * @param hmacKey     the shared key, as the text CI passes to {@code openssl dgst -hmac}; blank: not configured
     * @param ed25519Keys pipeline name to base64 X.509 SubjectPublicKeyInfo (comma-separated for several)
     * @throws IllegalArgumentException naming the pipeline whose key is not an Ed25519 public key (not the key)
     */
    public static RecordSignatures of(Optional<String> hmacKey, Map<String, String> ed25519Keys) {
        byte[] hmac = hmacKey.filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        Map<String, List<PublicKey>> keys = new TreeMap<>();
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            for (Map.Entry<String, String> e : ed25519Keys.entrySet()) {
                List<PublicKey> list = new ArrayList<>();
                for (String part : e.getValue().split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    try {
                        list.add(factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(part.trim()))));
                    } catch (IllegalArgumentException | GeneralSecurityException bad) {
                        throw new IllegalArgumentException("driftwatch.deployments.ed25519-keys." + e.getKey()
                                + " is not a base64 X.509 (SubjectPublicKeyInfo) Ed25519 public key");
                    }
                }
                if (!list.isEmpty()) {
                    keys.put(e.getKey(), List.copyOf(list));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no Ed25519 support", e);
        }
        return new RecordSignatures(hmac, keys);
    }

    public boolean hmacConfigured() {
        return hmacKey != null;
    }

    /** Pipelines with an Ed25519 key. */
    public Set<String> ed25519Pipelines() {
        return ed25519.keySet();
    }

    /** The scheme of a header value ({@code hmac-sha256}, {@code ed25519}), or null when it names none. */
    public static String scheme(String header) {
        if (header == null) {
            return null;
        }
        int eq = header.indexOf('=');
        return eq < 0 ? null : header.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns normally when {@code header} is a valid signature of {@code body}.
     *
     * @param pipeline the record's pipeline.name (null when the body does not name one): whose Ed25519 key applies
     */
    public void check(byte[] body, String header, String pipeline) throws SignatureRefusedException {
        if (header == null || header.isBlank()) {
            throw new SignatureRefusedException(true, "unsigned deployment record: send " + HEADER
                    + ": hmac-sha256=<hex HMAC-SHA256 of the body> or ed25519=<base64 Ed25519 signature of the body>");
        }
        if (header.length() > MAX_HEADER) {
            throw refused("the " + HEADER + " header is too long to be a signature");
        }
        String scheme = scheme(header);
        if (scheme == null) {
            throw refused("malformed " + HEADER + " header: expected hmac-sha256=<hex> or ed25519=<base64>");
        }
        String value = header.substring(header.indexOf('=') + 1).trim();
        switch (scheme) {
            case HMAC -> checkHmac(body, value);
            case ED25519 -> checkEd25519(body, value, pipeline);
            default -> throw refused("unknown signature scheme '" + printable(scheme)
                    + "': expected hmac-sha256 or ed25519");
        }
    }

    private void checkHmac(byte[] body, String hex) throws SignatureRefusedException {
        if (hmacKey == null) {
            throw refused("hmac-sha256 signatures are not accepted: no driftwatch.deployments.hmac-key is configured");
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw refused("the hmac-sha256 signature is not hex");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        // constant time: how much of a guess matched must not show in the response time
        if (!MessageDigest.isEqual(expected, presented)) {
            throw refused("the hmac-sha256 signature does not match the body (another key, or the body changed after signing)");
        }
    }

    private void checkEd25519(byte[] body, String base64, String pipeline) throws SignatureRefusedException {
        if (ed25519.isEmpty()) {
            throw refused("ed25519 signatures are not accepted: no driftwatch.deployments.ed25519-keys are configured");
        }
        if (pipeline == null || pipeline.isBlank()) {
            throw refused("an ed25519 signature is checked with the key of the record's pipeline, and the body names "
                    + "no pipeline.name");
        }
        List<PublicKey> keys = ed25519.get(pipeline);
        if (keys == null) {
            throw refused("no Ed25519 key is configured for pipeline '" + printable(pipeline)
                    + "' (driftwatch.deployments.ed25519-keys.<pipeline>)");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw refused("the ed25519 signature is not base64");
        }
        for (PublicKey key : keys) {
            if (verifies(key, body, signature)) {
                return;
            }
        }
        throw refused("the ed25519 signature does not verify with the key of pipeline '" + printable(pipeline)
                + "' (another key, or the body changed after signing)");
    }

    private static boolean verifies(PublicKey key, byte[] body, byte[] signature) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(body);
            return v.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false; // a signature of the wrong length or shape verifies nothing
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    private static SignatureRefusedException refused(String reason) {
        return new SignatureRefusedException(false, reason);
    }

    /** Caller-supplied text in a message or log line: no control characters, bounded. */
    static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 128));
        for (int i = 0; i < s.length() && b.length() < 128; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 128 ? b + "…" : b.toString();
    }
}
