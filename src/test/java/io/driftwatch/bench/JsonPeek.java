package io.driftwatch.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads one string member out of an NDJSON line without parsing it: the first {@code "name": "value"} in the
 * line. Enough to route lines by agent and split a file by day; the engine's reader does the real parsing.
 */
final class JsonPeek {

    private JsonPeek() {
    }

    static String string(byte[] data, int from, int to, String name) {
        byte[] key = ('"' + name + '"').getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = from; i <= to - key.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (data[i + k] != key[k]) {
                    continue outer;
                }
            }
            int j = skipSpace(data, i + key.length, to);
            if (j >= to || data[j] != ':') {
                continue;
            }
            j = skipSpace(data, j + 1, to);
            if (j >= to || data[j] != '"') {
                return null;
            }
            int start = ++j;
            while (j < to && data[j] != '"') {
                j += data[j] == '\\' ? 2 : 1;
            }
            return new String(data, start, Math.min(j, to) - start, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static int skipSpace(byte[] data, int i, int to) {
        while (i < to && (data[i] == ' ' || data[i] == '\t')) {
            i++;
        }
        return i;
    }
}
