package io.driftwatch.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits a blanked {@link DrlText.View} into identifiers, literals, numbers and symbols. */
final class DrlLexer {

    enum Kind { IDENTIFIER, LITERAL, NUMBER, SYMBOL }

    /** {@code start}/{@code end} index the view; {@code origin}/{@code originEnd} are the same span in the file. */
    record Token(Kind kind, String text, int start, int end, int origin, int originEnd) {

        boolean is(String symbolOrWord) {
            return kind != Kind.LITERAL && text.equals(symbolOrWord);
        }

        boolean isIdentifier() {
            return kind == Kind.IDENTIFIER;
        }
    }

    private DrlLexer() {
    }

    /**
     * Identifiers are read as javac reads them: characters {@link Character#isIdentifierIgnorable ignorable} in an
     * identifier (a soft hyphen, a zero-width joiner) are dropped, so <code>Sys&#92;u00ADtem</code> is {@code System}.
     */
    static List<Token> tokens(DrlText.View view) {
        String s = view.text();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i += Character.charCount(c);
                continue;
            }
            Kind kind;
            String text;
            if (Character.isJavaIdentifierStart(c)) {
                StringBuilder name = new StringBuilder();
                while (i < s.length() && Character.isJavaIdentifierPart(s.codePointAt(i))) {
                    int p = s.codePointAt(i);
                    if (!Character.isIdentifierIgnorable(p)) {
                        name.appendCodePoint(p);
                    }
                    i += Character.charCount(p);
                }
                kind = Kind.IDENTIFIER;
                text = name.toString();
            } else if (Character.isDigit(c)) {
                while (i < s.length() && (Character.isJavaIdentifierPart(s.charAt(i))
                        || s.charAt(i) == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    i++;
                }
                kind = Kind.NUMBER;
                text = s.substring(start, i);
            } else if ((c == '"' || c == '\'') && s.indexOf(c, i + 1) > 0) {
                // blanked: a literal is its delimiters around whitespace, so the next same quote closes it
                i = s.indexOf(c, i + 1) + 1;
                kind = Kind.LITERAL;
                text = "";
            } else if (s.startsWith("::", i)) {
                i += 2;
                kind = Kind.SYMBOL;
                text = "::";
            } else {
                i += Character.charCount(c);
                kind = Kind.SYMBOL;
                text = s.substring(start, i);
            }
            tokens.add(new Token(kind, text, start, i, view.originOf(start), view.originOf(i)));
        }
        return tokens;
    }
}
