package io.driftwatch.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Ways to damage a valid body, and bodies that were never valid: what an attacker or a broken shipper sends. */
final class Mutations {

    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e999",
            "\\u0000", "\\ud800", "NaN", "\n", "\r\n", "\"agentId\"", "\"time\"", "\"type\"", "\"Records\"", "\"items\"",
            "9223372036854775808", "\"\\\"", "\u00ff", "\u2028"};

    private Mutations() {
    }

    static byte[] next(Random random, byte[] seed) {
        return switch (random.nextInt(9)) {
            case 0 -> flipBytes(random, seed);
            case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));          // truncated
            case 2 -> splice(random, seed);                                           // a token dropped in
            case 3 -> nested(random.nextInt(5_000) + 10);                             // deep nesting
            case 4 -> hugeString(random.nextInt(300_000) + 70_000);                   // over the string limit
            case 5 -> randomBytes(random, random.nextInt(4096));                      // noise
            case 6 -> manyLines(random);                                              // NDJSON of junk lines
            case 7 -> duplicateKeys(random);
            default -> new byte[0];                                                   // empty
        };
    }

    private static byte[] flipBytes(Random random, byte[] seed) {
        byte[] b = seed.clone();
        int flips = 1 + random.nextInt(20);
        for (int i = 0; i < flips && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] splice(Random random, byte[] seed) {
        int at = seed.length == 0 ? 0 : random.nextInt(seed.length);
        byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(seed, 0, at);
        out.writeBytes(token);
        out.write(seed, at, seed.length - at);
        return out.toByteArray();
    }

    private static byte[] nested(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append(i % 2 == 0 ? "{\"a\":" : "[");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeString(int length) {
        return ("{\"agentId\":\"" + "x".repeat(length) + "\",\"type\":\"process\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] manyLines(Random random) {
        StringBuilder s = new StringBuilder();
        int lines = random.nextInt(2_000);
        for (int i = 0; i < lines; i++) {
            s.append(TOKENS[random.nextInt(TOKENS.length)]).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] duplicateKeys(Random random) {
        StringBuilder s = new StringBuilder("{");
        int keys = 1 + random.nextInt(5_000);
        for (int i = 0; i < keys; i++) {
            s.append(i == 0 ? "" : ",").append("\"agentId\":\"a").append(i).append('"');
        }
        return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
