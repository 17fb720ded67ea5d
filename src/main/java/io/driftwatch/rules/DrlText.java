package io.driftwatch.rules;

/**
 * DRL text the way a scanner must read it. Two readings of one file: the raw text (what the DRL parser and
 * MVEL see) and the text with Java unicode escapes decoded (what javac sees in consequences, so
 * <code>&#92;u0053ystem</code> is {@code System}). Each reading has its comments and string, char and text-block
 * literals blanked out, keeping every character's position, and maps each position back to the original file.
 */
final class DrlText {

    /** Scannable text and, for each of its characters, the offset in the original file it came from. */
    record View(String text, int[] origin, int originalLength) {

        /** The offset in the original file where the character at i starts; the file's length at the end. */
        int originOf(int i) {
            return i < origin.length ? origin[i] : originalLength;
        }
    }

    private DrlText() {
    }

    static View raw(String original) {
        int[] origin = new int[original.length()];
        for (int i = 0; i < origin.length; i++) {
            origin[i] = i;
        }
        return new View(blank(original), origin, original.length());
    }

    /** Decodes <code>&#92;uXXXX</code> as javac does (JLS 3.3): any number of u, and only an eligible backslash. */
    static View decoded(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] origin = new int[original.length()];
        int i = 0;
        while (i < original.length()) {
            int escapeEnd = unicodeEscapeEnd(original, i);
            if (escapeEnd > 0) {
                origin[out.length()] = i;
                out.append((char) Integer.parseInt(original.substring(escapeEnd - 4, escapeEnd), 16));
                i = escapeEnd;
            } else {
                origin[out.length()] = i;
                out.append(original.charAt(i++));
            }
        }
        return new View(blank(out.toString()), java.util.Arrays.copyOf(origin, out.length()), original.length());
    }

    /** The end of the unicode escape starting at i, or -1 when there is none. */
    private static int unicodeEscapeEnd(String s, int i) {
        if (s.charAt(i) != '\\' || i + 1 >= s.length() || s.charAt(i + 1) != 'u') {
            return -1;
        }
        int backslashesBefore = 0;
        for (int b = i - 1; b >= 0 && s.charAt(b) == '\\'; b--) {
            backslashesBefore++;
        }
        if (backslashesBefore % 2 != 0) {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == 'u') {
            j++;
        }
        if (j + 4 > s.length()) {
            return -1;
        }
        for (int k = j; k < j + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return -1;
            }
        }
        return j + 4;
    }

    /**
     * Comments become spaces; a terminated literal keeps its delimiters as {@code "} or {@code '} with spaces in
     * between; line breaks stay. An unterminated literal or comment is left as code (a lone quote becomes a
     * space), so nothing hides behind it.
     */
    static String blank(String s) {
        char[] out = s.toCharArray();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = i;
                while (end < s.length() && !lineBreak(s.charAt(end))) {
                    end++;
                }
                i = spaces(out, i, end);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? i + 1 : spaces(out, i, end + 2);
            } else if (s.startsWith("\"\"\"", i)) {
                i = literal(out, i, textBlockEnd(s, i + 3), '"');
            } else if (c == '"' || c == '\'') {
                i = literal(out, i, quotedEnd(s, i + 1, c), c);
            } else {
                i++;
            }
        }
        return new String(out);
    }

    private static int literal(char[] out, int start, int end, char delimiter) {
        if (end < 0) {
            out[start] = ' ';   // a lone quote: what follows is code, and must not pair with a later quote
            return start + 1;
        }
        spaces(out, start, end);
        out[start] = delimiter;
        out[end - 1] = delimiter;
        return end;
    }

    /** The offset after the closing quote on the same line, or -1. */
    private static int quotedEnd(String s, int i, char quote) {
        while (i < s.length() && !lineBreak(s.charAt(i))) {
            char c = s.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            i += c == '\\' && i + 1 < s.length() && !lineBreak(s.charAt(i + 1)) ? 2 : 1;
        }
        return -1;
    }

    /** A lone carriage return ends a line for javac and the DRL parser alike. */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static int textBlockEnd(String s, int i) {
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int spaces(char[] out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out[k] != '\n' && out[k] != '\r') {
                out[k] = ' ';
            }
        }
        return to;
    }
}
