package io.driftwatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.driftwatch.rules.DrlLexer.Token;
import io.driftwatch.rules.SandboxPolicy.Reach;

/**
 * One pass over the tokens of one reading of a DRL file: import, global and package statements are judged as
 * statements; every other dotted name ({@code java.lang.System.exit}, {@code $n.getClass}) is judged once, by
 * its first refused part.
 */
final class SandboxScan {

    /**
     * A refused occurrence: its offset in the original file, the span of the statement or dotted name it was
     * judged in (one finding per span), and what to tell the author.
     */
    record Finding(int origin, int from, int to, String message) {

        Finding within(Token first, Token last) {
            return new Finding(origin, first.origin(), last.originEnd(), message);
        }

        boolean covers(int offset) {
            return from <= offset && offset < to;
        }
    }

    static final String ALLOWED = "rules may use only the fact vocabulary (io.driftwatch.event) and java.lang, "
            + "java.util and java.time types, and a consequence may only call alerts.raise(...)";
    private static final String IMPORTABLE = "rules may import only io.driftwatch.event.* or one of its classes, "
            + "and java.lang, java.util, java.util.function and java.time types";

    private final List<Token> tokens;
    private final List<Finding> findings = new ArrayList<>();

    private SandboxScan(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Finding> of(List<Token> tokens) {
        SandboxScan scan = new SandboxScan(tokens);
        scan.run();
        return scan.findings;
    }

    private void run() {
        int i = 0;
        while (i < tokens.size()) {
            if (!tokens.get(i).isIdentifier()) {
                i++;
                continue;
            }
            boolean afterDot = is(i - 1, ".");
            boolean afterReference = is(i - 1, "::");
            int next = afterDot || afterReference ? -1 : statement(i);
            if (next < 0) {
                next = name(i, afterDot, afterReference);
            }
            i = next;
        }
    }

    /** Judges an import, global or package statement starting at i; the index after it, or -1 when there is none. */
    private int statement(int i) {
        String keyword = tokens.get(i).text();
        if (!identifier(i + 1)) {
            return -1;
        }
        return switch (keyword) {
            case "import" -> importStatement(i);
            case "global" -> globalStatement(i);
            case "package" -> packageStatement(i);
            case "declare" -> declareStatement(i);
            default -> -1;
        };
    }

    private int importStatement(int i) {
        int k = i + 1;
        String modifier = null;
        String word = tokens.get(k).text();
        if ((word.equals("static") || word.equals("function") || word.equals("accumulate")) && identifier(k + 1)) {
            modifier = word;
            k++;
        }
        List<String> parts = new ArrayList<>(List.of(tokens.get(k).text()));
        k++;
        while (is(k, ".") && (identifier(k + 1) || is(k + 1, "*"))) {
            parts.add(tokens.get(k + 1).text());
            k += 2;
        }
        if ("accumulate".equals(modifier) && identifier(k)) {
            k++; // the name the function is used under
        }
        String statement = "import " + (modifier == null ? "" : modifier + " ") + String.join(".", parts);
        String refusal = switch (modifier == null ? "" : modifier) {
            case "function" -> "'" + statement + "' is not allowed (it " + Reach.CODE.text() + "); "
                    + "write the logic in the rule, or in a DRL function that uses only the fact vocabulary";
            case "accumulate" -> "'" + statement + "' is not allowed (it " + Reach.CODE.text() + "); "
                    + "use the built-in accumulate functions: count, sum, average, min, max, collectList, collectSet";
            case "static" -> staticImport(parts) ? null : "'" + statement + "' is not allowed" + reach(parts)
                    + "; only static members of java.lang.Math and of io.driftwatch.event types may be imported";
            default -> typeImport(parts) ? null
                    : "'" + statement + "' is not allowed" + reach(parts) + "; " + IMPORTABLE;
        };
        if (refusal != null) {
            findings.add(finding(i, k - 1, refusal));
        }
        return is(k, ";") ? k + 1 : k;
    }

    /** {@code java.lang.Math.max}, {@code java.lang.Math.*}, {@code io.driftwatch.event.ApiRate.ALL_PRINCIPALS}. */
    private static boolean staticImport(List<String> parts) {
        List<String> type = parts.subList(0, parts.size() - 1);
        int p = packageLength(type);
        String pkg = String.join(".", type.subList(0, p));
        if (pkg.equals("java.lang")) {
            return type.size() == p + 1 && type.get(p).equals("Math");
        }
        return pkg.equals(SandboxPolicy.VOCABULARY) && p < type.size() && nestedTypesAllowed(type, p);
    }

    private static boolean typeImport(List<String> parts) {
        List<String> name = parts.get(parts.size() - 1).equals("*") ? parts.subList(0, parts.size() - 1) : parts;
        int p = packageLength(name);
        String pkg = String.join(".", name.subList(0, p));
        if (p == name.size()) {
            return SandboxPolicy.allowedPackage(pkg);
        }
        return SandboxPolicy.allowedType(pkg, name.get(p)) && nestedTypesAllowed(name, p);
    }

    /** Types after the first: {@code Event.Process} is vocabulary, {@code Thread.State} is not. */
    private static boolean nestedTypesAllowed(List<String> name, int firstType) {
        for (int k = firstType + 1; k < name.size(); k++) {
            boolean vocabulary = SandboxPolicy.vocabularyNested(name.get(k - 1), name.get(k));
            if (SandboxPolicy.name(name.get(k)) != null && !vocabulary) {
                return false;
            }
        }
        return true;
    }

    /** " (it reaches ...)" for the first refused part of a dotted name, else for its package. */
    private static String reach(List<String> parts) {
        String pkg = String.join(".", parts.subList(0, packageLength(parts)));
        Reach reach = parts.stream().map(SandboxPolicy::name).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> SandboxPolicy.reachOfPackage(pkg));
        return " (it " + reach.text() + ")";
    }

    /** {@code global Alerts alerts;} or {@code global io.driftwatch.event.Alerts alerts;} and nothing else. */
    private int globalStatement(int i) {
        int k = i + 1;
        List<String> type = new ArrayList<>(List.of(tokens.get(k).text()));
        k++;
        while (is(k, ".") && identifier(k + 1)) {
            type.add(tokens.get(k + 1).text());
            k += 2;
        }
        int typeEnd = k;
        if (is(k, "<")) {
            for (int depth = 0; k < tokens.size(); k++) {
                depth += is(k, "<") ? 1 : is(k, ">") ? -1 : 0;
                if (depth == 0) {
                    k++;
                    break;
                }
            }
        }
        if (!identifier(k)) {
            return -1; // not a declaration: a variable named global
        }
        String typeName = String.join(".", type);
        String name = tokens.get(k).text();
        boolean allowed = typeEnd == k && name.equals("alerts")
                && (typeName.equals("Alerts") || typeName.equals(SandboxPolicy.VOCABULARY + ".Alerts"));
        if (!allowed) {
            String declared = text(i + 1, typeEnd) + (typeEnd == k ? "" : "<...>") + " " + name;
            findings.add(finding(i, k, "'global " + declared + "' is not allowed; the only "
                    + "global is 'global Alerts alerts' (io.driftwatch.event.Alerts), and " + ALLOWED));
        }
        return is(k + 1, ";") ? k + 2 : k + 1;
    }

    /**
     * {@code declare Novelty @expires(1m)} would shorten a lifetime every shipped window relies on: the role,
     * timestamp and expiry of the vocabulary are the service's (facts.drl). New types may be declared.
     */
    private int declareStatement(int i) {
        int k = i + 1;
        if (identifier(k) && List.of("trait", "enum", "window").contains(tokens.get(k).text()) && identifier(k + 1)) {
            k++;
        }
        String last = tokens.get(k).text();
        int start = k;
        k++;
        while (is(k, ".") && identifier(k + 1)) {
            last = tokens.get(k + 1).text();
            k += 2;
        }
        if (SandboxPolicy.VOCABULARY_TYPES.contains(last)) {
            findings.add(finding(i, k, "'declare " + text(start, k) + "' is not allowed: the role, timestamp and expiry"
                    + " of the fact vocabulary are declared by the service, so no rule file can shorten a window"
                    + " another rule relies on; declare only new types"));
        }
        return k;
    }

    private int packageStatement(int i) {
        int k = i + 1;
        List<String> parts = new ArrayList<>(List.of(tokens.get(k).text()));
        k++;
        while (is(k, ".") && identifier(k + 1)) {
            parts.add(tokens.get(k + 1).text());
            k += 2;
        }
        String pkg = String.join(".", parts);
        if (SandboxPolicy.reservedPackage(pkg)) {
            findings.add(finding(i, k - 1, "'package " + pkg + "' is not allowed: a rule package may "
                    + "not join a package of the JDK, Drools, Quarkus or Driftwatch, whose package access it would "
                    + "gain; name it after the rules, e.g. rules.behaviour"));
        }
        return is(k, ";") ? k + 1 : k;
    }

    /** Judges the dotted name starting at i; the index after it. */
    private int name(int i, boolean afterDot, boolean afterReference) {
        List<Token> chain = new ArrayList<>(List.of(tokens.get(i)));
        int k = i;
        while (is(k + 1, ".") && identifier(k + 2)) {
            chain.add(tokens.get(k + 2));
            k += 2;
        }
        List<String> names = chain.stream().map(Token::text).toList();
        boolean called = is(k + 1, "(");
        Finding finding = qualifiedType(chain, names, afterDot || afterReference);
        for (int s = 0; finding == null && s < names.size(); s++) {
            finding = part(chain, names, s, afterDot, afterReference, called && s == names.size() - 1);
        }
        if (finding != null) {
            findings.add(finding.within(chain.get(0), chain.get(chain.size() - 1)));
        }
        return k + 1;
    }

    /** A package-qualified name outside the allowed packages: {@code java.io.File}, {@code io.quarkus...Quarkus}. */
    private static Finding qualifiedType(List<Token> chain, List<String> names, boolean member) {
        if (member || !Character.isLowerCase(names.get(0).codePointAt(0))) {
            return null;
        }
        int p = packageLength(names);
        boolean jdk = SandboxPolicy.jdkRoot(names) && names.size() > 1;
        if (p == names.size() && !jdk) {
            return null; // a field path such as event.network
        }
        String pkg = String.join(".", names.subList(0, p));
        String qualified = p < names.size() ? pkg + "." + names.get(p) : pkg;
        if (p < names.size() ? SandboxPolicy.allowedType(pkg, names.get(p)) : SandboxPolicy.allowedPackage(pkg)) {
            return null;
        }
        Reach reach = p < names.size() ? SandboxPolicy.name(names.get(p)) : null;
        return refused(chain.get(0), qualified, reach != null ? reach : SandboxPolicy.reachOfPackage(pkg));
    }

    private static Finding part(List<Token> chain, List<String> names, int s, boolean afterDot, boolean afterReference,
                                boolean called) {
        String name = names.get(s);
        String outer = s > 0 ? names.get(s - 1) : null;
        if (name.equals("class")) { // a class literal; a bare class keyword declares a local class
            boolean literal = s > 0 || afterDot;
            return literal ? refused(chain.get(s), (outer == null ? "" : outer) + ".class", Reach.REFLECTION) : null;
        }
        if (outer != null && SandboxPolicy.vocabularyNested(outer, name)) {
            return null;
        }
        Reach reach = SandboxPolicy.name(name);
        String shown = name;
        if (reach == null && (called || s == 0 && afterReference)) {
            reach = SandboxPolicy.call(name, s > 0 || afterDot || afterReference);
        }
        if (reach == null && outer != null && SandboxPolicy.readsSystemProperty(outer, name)) {
            reach = Reach.JVM;
            shown = outer + "." + name;
        }
        return reach == null ? null : refused(chain.get(s), shown, reach);
    }

    private Finding finding(int first, int last, String message) {
        Token start = tokens.get(first);
        return new Finding(start.origin(), start.origin(), tokens.get(last).originEnd(), message);
    }

    private static Finding refused(Token at, String name, Reach reach) {
        String message = "'" + name + "' is not allowed in rules (it " + reach.text() + "); " + ALLOWED;
        return new Finding(at.origin(), at.origin(), at.originEnd(), message);
    }

    /** How many leading parts start lower-case: the package of {@code java.util.Map.Entry} is two parts long. */
    private static int packageLength(List<String> parts) {
        int p = 0;
        while (p < parts.size() && Character.isLowerCase(parts.get(p).codePointAt(0))) {
            p++;
        }
        return p;
    }

    private String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            b.append(tokens.get(k).text());
        }
        return b.toString();
    }

    private boolean is(int k, String text) {
        return k >= 0 && k < tokens.size() && tokens.get(k).is(text);
    }

    private boolean identifier(int k) {
        return k >= 0 && k < tokens.size() && tokens.get(k).isIdentifier();
    }
}
