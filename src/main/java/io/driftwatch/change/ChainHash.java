package io.driftwatch.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a record is bound to the one before it: hex SHA-256 of {@code prev_hash + "\n" + body + "\n" + signature}. */
public final class ChainHash {

    /** The previous hash of the first record ever stored (before any purge moved the anchor). */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    public static String of(String prevHash, String body, String signature) {
        return sha256(prevHash + "\n" + body + "\n" + signature);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
