package io.driftwatch.rules;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.driftwatch.engine.RuleCompilationException;
import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleProblem;
import io.driftwatch.engine.RuleSet;

/**
 * The rule authors' CI check, without the service (no Quarkus, database or port): compiles a rules directory
 * and replays every scenario against it.
 *
 * <pre>
 * java -cp "target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/quarkus-app/app/*" \
 *      io.driftwatch.rules.RulesCheck [rulesDir=rules] [scenariosDir=testdata/scenarios]
 * </pre>
 *
 * Exit status: 0 every scenario passes; 1 a scenario fails; 2 the rules do not compile (every problem is
 * printed as {@code file:line (rule "x"): message}), a directory is missing or holds no scenario, or the
 * arguments are wrong.
 */
public final class RulesCheck {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;
    static final String USAGE = "usage: RulesCheck [rulesDir=rules] [scenariosDir=testdata/scenarios]";

    /** Held so the levels are not lost with a collected logger. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private RulesCheck() {
    }

    public static void main(String[] args) {
        logLikeTheService();
        System.exit(run(args, System.out, System.err));
    }

    /** Everything main does except exiting: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 2 || (args.length > 0 && args[0].startsWith("-"))) {
            err.println(USAGE);
            return args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")) ? PASSED : UNUSABLE;
        }
        Path rulesDir = Path.of(args.length > 0 ? args[0] : "rules");
        Path scenariosDir = Path.of(args.length > 1 ? args[1] : "testdata/scenarios");

        long t0 = System.nanoTime();
        RuleSet rules;
        try {
            // the same sandbox the service applies before it compiles anything
            java.util.List<RuleProblem> unsafe = new java.util.ArrayList<>();
            RuleSandbox sandbox = new RuleSandbox();
            RuleLoader.drl(RuleLoader.files(rulesDir)).forEach(s -> unsafe.addAll(sandbox.check(s)));
            if (!unsafe.isEmpty()) {
                throw new RuleCompilationException(unsafe);
            }
            rules = new RuleLoader(new RuleCompiler()).load(rulesDir, 1);
        } catch (RuleCompilationException e) {
            err.println("rules in " + rulesDir + " do not compile or reach outside the sandbox (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (RuleProblem p : e.problems()) {
                err.println(p);
            }
            return UNUSABLE;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return UNUSABLE;
        }
        long t1 = System.nanoTime();
        out.printf(Locale.ROOT, "compiled %d rules from %s in %.1f s%n", rules.compiled().rules().size(), rulesDir,
                seconds(t0, t1));
        try {
            List<ScenarioResult> results;
            try {
                results = new ScenarioRunner().run(rules, scenariosDir);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                err.println(e.getMessage());
                return UNUSABLE;
            }
            if (results.isEmpty()) {
                err.println("no scenarios under " + scenariosDir + " (each is a folder with events.ndjson and expected.json)");
                return UNUSABLE;
            }
            int failed = 0;
            for (ScenarioResult r : results) {
                print(r, out);
                failed += r.passed() ? 0 : 1;
            }
            out.printf(Locale.ROOT, "%d scenarios: %d passed, %d failed (%.1f s)%n", results.size(),
                    results.size() - failed, failed, seconds(t1, System.nanoTime()));
            return failed == 0 ? PASSED : FAILED;
        } finally {
            rules.compiled().container().dispose();
        }
    }

    private static void print(ScenarioResult r, PrintStream out) {
        out.println((r.passed() ? "PASS " : "FAIL ") + r.name());
        if (r.error() != null) {
            out.println("    error: " + r.error());
            return;
        }
        r.missing().forEach(a -> out.println("    missing:    " + a));
        r.unexpected().forEach(a -> out.println("    unexpected: " + a));
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /**
     * As the service: Drools and KIE at WARN, through the JBoss log manager that SLF4J logs to here. The manager
     * must be chosen before anything touches java.util.logging. Outside Quarkus its only handler holds records
     * until a Quarkus start that never comes, so warnings and errors get a console handler (stderr) of their own.
     */
    private static void logLikeTheService() {
        if (System.getProperty("java.util.logging.manager") == null && present("org.jboss.logmanager.LogManager")) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        }
        Logger root = Logger.getLogger("");
        for (Logger logger : List.of(root, Logger.getLogger("org.drools"), Logger.getLogger("org.kie"))) {
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
        if (Arrays.stream(root.getHandlers()).noneMatch(h -> h instanceof ConsoleHandler)) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.ALL);
            root.addHandler(console);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, RulesCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
