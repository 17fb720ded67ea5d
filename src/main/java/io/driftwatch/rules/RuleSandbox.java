package io.driftwatch.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.driftwatch.engine.RuleProblem;
import io.driftwatch.engine.RuleSource;
import io.driftwatch.rules.DrlLexer.Token;
import io.driftwatch.rules.SandboxScan.Finding;

/**
 * A static check of DRL text, run before it is compiled (Drools compiles consequences to Java): DRL may import
 * only the fact vocabulary and basic java.lang, java.util and java.time types, and may not name anything that
 * reaches System, Runtime, processes, reflection, class loaders, threads, files, the network or the engine's
 * internals. Comments and string literals are not read, so a message may say "System"; unicode escapes are
 * decoded first, as javac would.
 */
public final class RuleSandbox {

    /** Every refused occurrence, ordered by position; empty when the file may be compiled. */
    public List<RuleProblem> check(RuleSource source) {
        String text = source.text();
        List<Token> rawTokens = DrlLexer.tokens(DrlText.raw(text));
        // both readings: javac sees decoded escapes in consequences, the DRL parser and MVEL see the raw text;
        // the raw reading adds only what lies outside every name the decoded reading already refused
        List<Finding> refused = new ArrayList<>(SandboxScan.of(DrlLexer.tokens(DrlText.decoded(text))));
        for (Finding f : SandboxScan.of(rawTokens)) {
            if (refused.stream().noneMatch(d -> d.covers(f.origin()) || f.covers(d.origin()))) {
                refused.add(f);
            }
        }
        refused.sort(Comparator.comparingInt(Finding::origin));
        int[] lineStarts = lineStarts(text);
        List<RuleSpan> rules = RuleSpan.of(rawTokens, text);
        return refused.stream().map(f -> new RuleProblem("rules/" + source.path(), line(lineStarts, f.origin()),
                RuleSpan.nameAt(rules, f.origin()), f.message())).toList();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-based line of an offset. */
    private static int line(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /**
     * One rule, from {@code rule} to the {@code end} after its {@code then}, in offsets of the file. Imports,
     * functions, queries and declares lie outside every span and belong to no rule.
     */
    private record RuleSpan(String name, int from, int to) {

        /** Read from the raw text: the DRL parser, not javac, decides where a rule starts and ends. */
        static List<RuleSpan> of(List<Token> tokens, String text) {
            List<RuleSpan> rules = new ArrayList<>();
            String name = null;
            int from = 0;
            boolean then = false;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                boolean keyword = t.isIdentifier() && (i == 0 || !tokens.get(i - 1).is("."));
                if (keyword && t.text().equals("rule") && (name == null || !then) && i + 1 < tokens.size()
                        && (tokens.get(i + 1).kind() == DrlLexer.Kind.LITERAL || tokens.get(i + 1).isIdentifier())) {
                    Token header = tokens.get(++i);
                    name = header.isIdentifier() ? header.text() : text.substring(header.start() + 1, header.end() - 1);
                    from = t.origin();
                    then = false;
                } else if (keyword && name != null && t.text().equals("then")) {
                    then = true;
                } else if (keyword && name != null && then && t.text().equals("end")) {
                    rules.add(new RuleSpan(name, from, t.originEnd()));
                    name = null;
                }
            }
            if (name != null) {
                rules.add(new RuleSpan(name, from, text.length()));
            }
            return rules;
        }

        static String nameAt(List<RuleSpan> rules, int offset) {
            return rules.stream().filter(r -> r.from() <= offset && offset < r.to()).map(RuleSpan::name)
                    .findFirst().orElse(null);
        }
    }
}
