package io.driftwatch.outputs;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook delivery is signed: {@code X-Driftwatch-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." +
 * body)>} with {@code X-Driftwatch-Timestamp: <epoch seconds>}. Signing the timestamp with the body lets a receiver
 * refuse a replayed old delivery; receivers do exactly what {@link #verify} does.
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "X-Driftwatch-Signature";
    public static final String TIMESTAMP = "X-Driftwatch-Timestamp";
    public static final String DELIVERY = "X-Driftwatch-Delivery";
    public static final String EVENT = "X-Driftwatch-Event";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The receiver's check: the signature matches (compared in constant time) and the timestamp is recent. */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
                                 long nowSeconds, long toleranceSeconds) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.UTF_8),
                signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
