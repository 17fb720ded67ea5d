package io.driftwatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.driftwatch.engine.RuleProblem;
import io.driftwatch.engine.RuleSource;

/** DRL that reaches outside the sandbox is refused before compiling, naming file, line and rule; look-alikes pass. */
class RuleSandboxTest {

    private static final String FILE = "behaviour/test.drl";
    private static final String RULE = "A test rule fires";

    private final RuleSandbox sandbox = new RuleSandbox();

    @Test
    void everyShippedRuleFilePasses() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            files = walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "rules/ holds .drl files");
        for (Path file : files) {
            String path = Path.of("rules").relativize(file).toString().replace('\\', '/');
            assertEquals(List.of(), sandbox.check(new RuleSource(path, Files.readString(file))), path);
        }
    }

    static Stream<Arguments> refusedInConsequences() {
        return Stream.of(
                // the JVM
                Arguments.of("System.exit(0);", "'System'", "the JVM"),
                Arguments.of("Runtime.getRuntime().exec(\"id\");", "'Runtime'", "the JVM"),
                Arguments.of("new ProcessBuilder(\"id\").start();", "'ProcessBuilder'", "the JVM"),
                Arguments.of("Process p = null;", "'Process'", "the JVM"),
                Arguments.of("ProcessHandle.current().destroy();", "'ProcessHandle'", "the JVM"),
                Arguments.of("SecurityManager m = null;", "'SecurityManager'", "the JVM"),
                Arguments.of("$hooks.addShutdownHook(null);", "'addShutdownHook'", "the JVM"),
                Arguments.of("exit(1);", "'exit'", "the JVM"),
                Arguments.of("$jni.loadLibrary(\"evil\");", "'loadLibrary'", "the JVM"),
                Arguments.of("$jni.load(\"/tmp/evil.so\");", "'load'", "the JVM"),
                Arguments.of("Integer.getInteger(\"secret\");", "'Integer.getInteger'", "the JVM"),
                Arguments.of("java.util.Locale.setDefault(java.util.Locale.ROOT);", "'setDefault'", "the JVM"),
                // threads
                Arguments.of("new Thread(() -> {}).start();", "'Thread'", "threads"),
                Arguments.of("ThreadGroup g = null;", "'ThreadGroup'", "threads"),
                Arguments.of("ThreadLocal<String> t = null;", "'ThreadLocal'", "threads"),
                Arguments.of("java.util.concurrent.Executors.newSingleThreadExecutor();",
                        "'java.util.concurrent.Executors'", "threads"),
                Arguments.of("ExecutorService e = null;", "'ExecutorService'", "threads"),
                Arguments.of("ForkJoinPool.commonPool();", "'ForkJoinPool'", "threads"),
                Arguments.of("CompletableFuture.runAsync(() -> {});", "'CompletableFuture'", "threads"),
                Arguments.of("new java.util.Timer();", "'java.util.Timer'", "threads"),
                Arguments.of("$n.wait();", "'wait'", "threads"),
                // reflection and class loaders
                Arguments.of("Class c = null;", "'Class'", "reflection"),
                Arguments.of("ClassLoader.getSystemClassLoader();", "'ClassLoader'", "reflection"),
                Arguments.of("$n.getClass();", "'getClass'", "reflection"),
                Arguments.of("Object o = String.class;", "'String.class'", "reflection"),
                Arguments.of("java.lang.reflect.Method m = null;", "'java.lang.reflect.Method'", "reflection"),
                Arguments.of("Field f = null;", "'Field'", "reflection"),
                Arguments.of("Constructor k = null;", "'Constructor'", "reflection"),
                Arguments.of("$m.invoke(null);", "'invoke'", "reflection"),
                Arguments.of("$f.setAccessible(true);", "'setAccessible'", "reflection"),
                Arguments.of("MethodHandles.lookup();", "'MethodHandles'", "reflection"),
                Arguments.of("VarHandle v = null;", "'VarHandle'", "reflection"),
                Arguments.of("java.lang.invoke.MethodType t = null;", "'java.lang.invoke.MethodType'", "reflection"),
                Arguments.of("Object u = sun.misc.Unsafe.getUnsafe();", "'sun.misc.Unsafe'", "reflection"),
                // files
                Arguments.of("new File(\"/etc/passwd\");", "'File'", "files"),
                Arguments.of("Files.readString(null);", "'Files'", "files"),
                Arguments.of("Paths.get(\"/\");", "'Paths'", "files"),
                Arguments.of("Path p = null;", "'Path'", "files"),
                Arguments.of("FileSystems.getDefault();", "'FileSystems'", "files"),
                Arguments.of("new java.io.FileInputStream(\"/x\");", "'java.io.FileInputStream'", "files"),
                Arguments.of("FileOutputStream out = null;", "'FileOutputStream'", "files"),
                Arguments.of("java.io.Serializable s = null;", "'java.io.Serializable'", "files"),
                // the network
                Arguments.of("new java.net.URL(\"http://x\").openStream();", "'java.net.URL'", "network"),
                Arguments.of("URI.create(\"http://x\");", "'URI'", "network"),
                Arguments.of("new Socket(\"x\", 80);", "'Socket'", "network"),
                Arguments.of("new ServerSocket(80);", "'ServerSocket'", "network"),
                Arguments.of("HttpClient.newHttpClient();", "'HttpClient'", "network"),
                Arguments.of("HttpURLConnection c = null;", "'HttpURLConnection'", "network"),
                Arguments.of("InetAddress.getByName(\"x\");", "'InetAddress'", "network"),
                // code the rule does not show, and the rest of the JDK
                Arguments.of("ScriptEngine e = null;", "'ScriptEngine'", "script engines"),
                Arguments.of("javax.script.ScriptEngineManager m = null;", "'javax.script.ScriptEngineManager'",
                        "script engines"),
                Arguments.of("ObjectInputStream in = null;", "'ObjectInputStream'", "deserialization"),
                Arguments.of("jdk.internal.misc.VM.initLevel();", "'jdk.internal.misc.VM'", "the JVM"),
                Arguments.of("com.sun.management.HotSpotDiagnosticMXBean b = null;",
                        "'com.sun.management.HotSpotDiagnosticMXBean'", "the JVM"),
                Arguments.of("java.security.AccessController.getContext();", "'java.security.AccessController'",
                        "the JVM"),
                Arguments.of("javax.naming.InitialContext c = null;", "'javax.naming.InitialContext'",
                        "outside the packages"),
                // the engine's internals and the service
                Arguments.of("drools.getKieRuntime().toString();", "'getKieRuntime'", "the rule engine"),
                Arguments.of("kcontext.getKieRuntime().toString();", "'getKieRuntime'", "the rule engine"),
                Arguments.of("drools.getKnowledgeRuntime();", "'getKnowledgeRuntime'", "the rule engine"),
                Arguments.of("drools.getWorkingMemory();", "'getWorkingMemory'", "the rule engine"),
                Arguments.of("drools.getKieBase();", "'getKieBase'", "the rule engine"),
                Arguments.of("drools.getSessionClock();", "'getSessionClock'", "the rule engine"),
                Arguments.of("drools.halt();", "'halt'", "the rule engine"),
                Arguments.of("org.kie.api.KieServices.Factory.get();", "'org.kie.api.KieServices'", "the rule engine"),
                Arguments.of("io.quarkus.runtime.Quarkus.asyncExit();", "'io.quarkus.runtime.Quarkus'",
                        "outside the packages"),
                Arguments.of("io.driftwatch.engine.RuleCompiler c = null;", "'io.driftwatch.engine.RuleCompiler'",
                        "outside the packages"));
    }

    @ParameterizedTest
    @MethodSource
    void refusedInConsequences(String consequence, String refused, String area) {
        RuleProblem p = single(inConsequence(consequence));
        assertEquals("rules/" + FILE, p.file());
        assertEquals(9, p.line());
        assertEquals(RULE, p.rule());
        assertTrue(p.message().startsWith(refused + " is not allowed in rules"), p.message());
        assertTrue(p.message().contains(area), p.message());
        assertTrue(p.message().endsWith("a consequence may only call alerts.raise(...)"), p.message());
    }

    @Test
    void theMessageSaysWhatIsRefusedAndWhatIsAllowed() {
        assertEquals("'System' is not allowed in rules (it reaches the JVM: System, Runtime, ProcessBuilder, Process, "
                        + "exit, native libraries, JVM-wide defaults); rules may use only the fact vocabulary "
                        + "(io.driftwatch.event) and java.lang, java.util and java.time types, and a consequence may "
                        + "only call alerts.raise(...)",
                single(inConsequence("System.out.println($n);")).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "eval( System.currentTimeMillis() > 0 )",
        "$n : Novelty( key == java.lang.System.getenv(\"HOME\") )",
        "$n : Novelty() from java.nio.file.Files.list(null)",
    })
    void conditionsAreCheckedToo(String condition) {
        RuleProblem p = single(inCondition(condition));
        assertEquals(7, p.line());
        assertEquals(RULE, p.rule());
    }

    @Test
    void metadataAndAttributesAreCheckedToo() {
        // unquoted metadata values and attributes such as enabled are MVEL, evaluated when the rule is built
        List<RuleProblem> problems = sandbox.check(new RuleSource(FILE, """
                package rules.test;
                import io.driftwatch.event.*;
                global Alerts alerts;
                rule "Metadata runs code"
                    @severity(Runtime.getRuntime().exec("id").toString())
                    enabled (System.getenv("X") != null)
                when
                    $n : Novelty()
                then
                    alerts.raise($n.getAgentId(), $n.getBehaviourKey());
                end
                """));
        assertEquals(List.of(5, 6), problems.stream().map(RuleProblem::line).toList());
        assertEquals(List.of("Metadata runs code", "Metadata runs code"),
                problems.stream().map(RuleProblem::rule).toList());
    }

    static Stream<Arguments> refusedImports() {
        return Stream.of(
                Arguments.of("import java.io.File;", "'import java.io.File' is not allowed (it reaches files"),
                Arguments.of("import java.util.concurrent.*;",
                        "'import java.util.concurrent.*' is not allowed (it starts or controls threads"),
                Arguments.of("import java.lang.reflect.Method;",
                        "'import java.lang.reflect.Method' is not allowed (it reaches reflection"),
                Arguments.of("import java.lang.Thread;", "'import java.lang.Thread' is not allowed (it starts"),
                Arguments.of("import java.lang.Thread.State;", "'import java.lang.Thread.State' is not allowed"),
                Arguments.of("import java.net.*;", "'import java.net.*' is not allowed (it reaches the network"),
                Arguments.of("import io.driftwatch.engine.RuleCompiler;",
                        "'import io.driftwatch.engine.RuleCompiler' is not allowed (it is outside the packages"),
                Arguments.of("import io.driftwatch.*;", "'import io.driftwatch.*' is not allowed"),
                Arguments.of("import org.kie.api.runtime.KieSession;",
                        "'import org.kie.api.runtime.KieSession' is not allowed (it reaches the rule engine"),
                Arguments.of("import static java.lang.System.exit;",
                        "'import static java.lang.System.exit' is not allowed (it reaches the JVM"),
                Arguments.of("import static java.util.concurrent.Executors.newFixedThreadPool;",
                        "'import static java.util.concurrent.Executors.newFixedThreadPool' is not allowed"),
                Arguments.of("import function java.lang.System.exit;",
                        "'import function java.lang.System.exit' is not allowed"),
                Arguments.of("import function com.acme.Util.shell;",
                        "'import function com.acme.Util.shell' is not allowed (it runs code"),
                Arguments.of("import accumulate com.acme.Evil evil;",
                        "'import accumulate com.acme.Evil' is not allowed (it runs code"),
                Arguments.of("import javax.script.ScriptEngineManager;",
                        "'import javax.script.ScriptEngineManager' is not allowed"));
    }

    @ParameterizedTest
    @MethodSource
    void refusedImports(String statement, String message) {
        RuleProblem p = single(withHeader(statement));
        assertEquals(3, p.line());
        assertNull(p.rule());
        assertTrue(p.message().startsWith(message), p.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "import io.driftwatch.event.Novelty;",
        "import io.driftwatch.event.Event.Process;",
        "import java.util.List;",
        "import java.util.*;",
        "import java.util.Map.Entry;",
        "import java.util.function.Function;",
        "import java.time.Duration;",
        "import java.time.format.DateTimeFormatter;",
        "import java.lang.Math;",
        "import java.lang.String;",
        "import java.lang.*;",
        "import static java.lang.Math.max;",
        "import static java.lang.Math.*;",
        "import static io.driftwatch.event.ApiRate.ALL_PRINCIPALS;",
    })
    void allowedImports(String statement) {
        assertEquals(List.of(), sandbox.check(new RuleSource(FILE, withHeader(statement))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "global java.util.List list;",
        "global Alerts other;",
        "global java.util.Map<String, Object> cache;",
        "global io.driftwatch.engine.Engine alerts;",
    })
    void aGlobalOtherThanAlertsIsRefused(String global) {
        RuleProblem p = single(withHeader(global));
        assertEquals(3, p.line());
        assertNull(p.rule());
        assertTrue(p.message().contains("the only global is 'global Alerts alerts'"), p.message());
    }

    @Test
    void theAlertsGlobalMayBeFullyQualified() {
        assertEquals(List.of(), sandbox.check(new RuleSource(FILE, inConsequence("alerts.raise(\"a\", \"b\");")
                .replace("global Alerts alerts;", "global io.driftwatch.event.Alerts alerts;"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang", "io.driftwatch.engine", "org.drools.core"})
    void aRulePackageMayNotJoinTheJdkDroolsOrTheService(String pkg) {
        String drl = inConsequence("alerts.raise(\"a\", \"b\");")
                .replace("package rules.test;", "package " + pkg + ";");
        RuleProblem p = single(drl);
        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("'package " + pkg + "' is not allowed"), p.message());
    }

    // ---- bypass attempts

    @Test
    void unicodeEscapesAreDecodedAsJavacWould() {
        RuleProblem p = single(inConsequence("\\u0053ystem.exit(0);"));
        assertEquals(9, p.line());
        assertTrue(p.message().startsWith("'System'"), p.message());
        assertTrue(single(inConsequence("\\uuuu0052untime.getRuntime();")).message().startsWith("'Runtime'"));
    }

    @Test
    void anEscapedLineBreakEndsALineComment() {
        // the DRL parser sees one comment; javac sees a line break and then code
        RuleProblem p = single(inConsequence("// harmless \\u000a Runtime.getRuntime().exec(\"id\");"));
        assertEquals(9, p.line());
        assertTrue(p.message().startsWith("'Runtime'"), p.message());
    }

    @Test
    void aLoneCarriageReturnEndsALineComment() {
        assertTrue(refused("// harmless \r System.exit(0);").startsWith("'System'"));
        assertTrue(refused("// harmless \\u000d System.exit(0);").startsWith("'System'"));
    }

    @Test
    void anEscapedCommentEndDoesNotHideCode() {
        RuleProblem p = single(inConsequence("/* harmless \\u002a/ System.exit(0); /* */"));
        assertTrue(p.message().startsWith("'System'"), p.message());
    }

    @Test
    void anEscapedBackslashIsNotAnEscape() {
        // javac reads \\u0053 as a backslash and u0053: no System here, and nothing to refuse
        assertEquals(List.of(), sandbox.check(new RuleSource(FILE, inConsequence("String s = \"\\\\u0053ystem\";"))));
    }

    @Test
    void charactersJavacIgnoresInsideIdentifiersAreIgnored() {
        assertTrue(single(inConsequence("Sys\u00ADtem.exit(0);")).message().startsWith("'System'"));
        assertTrue(single(inConsequence("Sys\\u200Btem.exit(0);")).message().startsWith("'System'"));
    }

    @Test
    void fullyQualifiedNamesAreRefusedWhateverTheSpacing() {
        assertTrue(refused("java.lang.System.exit(0);").startsWith("'java.lang.System'"));
        assertTrue(refused("java . lang /* */ . System . exit(0);").startsWith("'java.lang.System'"));
        assertTrue(refused("java.lang.Runtime.getRuntime().availableProcessors();").startsWith("'java.lang.Runtime'"));
    }

    @Test
    void javaNioFilesIsRefused() {
        List<RuleProblem> problems = problems(inConsequence(
                "String s = java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));"));
        assertEquals(List.of("'java.nio.file.Files'", "'java.nio.file.Path'"),
                problems.stream().map(p -> p.message().substring(0, p.message().indexOf(' '))).toList());
        assertTrue(problems.stream().allMatch(p -> p.line() == 9 && RULE.equals(p.rule())));
    }

    @Test
    void aFunctionIsCheckedAndBelongsToNoRule() {
        List<RuleProblem> problems = problems("""
                package rules.test;
                import io.driftwatch.event.*;
                global Alerts alerts;

                function String whoami() {
                    return Runtime.getRuntime().toString();
                }

                rule "A rule after the function"
                    @severity("low") @description("a test")
                when
                    $n : Novelty()
                then
                    alerts.raise($n.getAgentId(), whoami());
                end
                """);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(6, problems.get(0).line());
        assertNull(problems.get(0).rule());
        assertTrue(problems.get(0).message().startsWith("'Runtime'"));
    }

    @Test
    void anMvelConsequenceIsCheckedLikeJava() {
        RuleProblem p = single("""
                package rules.test;
                import io.driftwatch.event.*;
                global Alerts alerts;
                rule "An mvel rule"
                    @severity("low") @description("a test")
                    dialect "mvel"
                when
                    $n : Novelty()
                then
                    System.out.println($n.agentId);
                end
                """);
        assertEquals(10, p.line());
        assertEquals("An mvel rule", p.rule());
    }

    @Test
    void getClassThenGetClassLoaderIsRefusedTwice() {
        List<RuleProblem> problems = problems(inConsequence("Object l = $n.getClass().getClassLoader();"));
        assertEquals(List.of("'getClass'", "'getClassLoader'"),
                problems.stream().map(p -> p.message().substring(0, p.message().indexOf(' '))).toList());
    }

    @Test
    void concatenatedStringsAreFineButForNameIsNot() {
        assertEquals(List.of(), problems(inConsequence("String s = \"java.lang.\" + \"Runtime\";")));
        RuleProblem p = single(inConsequence("Object c = Class.forName(\"java.lang.\" + \"Runtime\");"));
        assertTrue(p.message().startsWith("'Class'"), p.message());
    }

    @Test
    void aStringThatDoesNotCloseHidesNothing() {
        assertTrue(single(inConsequence("String s = \"unclosed; System.exit(0);")).message().startsWith("'System'"));
    }

    // ---- harmless look-alikes

    @ParameterizedTest
    @ValueSource(strings = {
        "alerts.raise($n.getAgentId(), \"System\").because(\"Runtime.getRuntime() and java.io.File in a message\");",
        "alerts.raise($n.getAgentId(), $n.getBehaviourKey()); // System.exit(0) would be refused",
        "/* Thread, Class.forName, getClass() */ alerts.raise($n.getAgentId(), $n.getBehaviourKey());",
        "String systemName = $n.getKey(); int processCount = 0; int exitCode = 1; String path = null;",
        "alerts.raise($n.getAgentId(), $n.getEvent().process().exe());",
        "alerts.raise($n.getAgentId(), $n.getEvent().module().path());",
        "Event.Process p = $n.getEvent().process(); Event.Module m = $n.getEvent().module();",
        "io.driftwatch.event.Event.Process p = $n.getEvent().process();",
        "if ($n.getKnownCount() < 0) { throw new RuntimeException(\"negative\"); }",
        "java.util.List<String> l = new java.util.ArrayList<>(); l.add(String.valueOf(Math.max(1, 2)));",
        "long d = java.time.Duration.ofHours(1).toMillis(); char c = 'S';",
        "alerts.raise($n.getAgentId(), \"\\u0053ystem\");",
        "alerts.raise($n.getAgentId(), \"text block\").because(\"\"\"\n        System.exit(0)\n        \"\"\");",
    })
    void harmlessLookAlikesPass(String consequence) {
        assertEquals(List.of(), problems(inConsequence(consequence)));
    }

    @Test
    void theReadmeExamplesPass() {
        assertEquals(List.of(), problems(inCondition(
                "$n : Novelty(kind == BehaviourKind.DESTINATION, event.network().dstPort() == 22)")));
        assertEquals(List.of(), problems(inCondition("$n : Novelty(kind == BehaviourKind.API_OPERATION)\n"
                + "    NamedList(name == \"sensitive-api-operations\", values contains $n.getEvent().api().operation())")));
    }

    @Test
    void problemsAreOrderedByLine() {
        List<RuleProblem> problems = problems("""
                package rules.test;
                import java.io.File;
                global Alerts alerts;
                rule "First"
                    @severity("low") @description("a test")
                when
                    $n : Novelty()
                then
                    Thread.sleep(1); System.exit(0);
                end
                rule Second
                    @severity("low") @description("a test")
                when
                    $n : Novelty()
                then
                    drools.getKieRuntime();
                end
                """);
        assertEquals(List.of(2, 9, 9, 16), problems.stream().map(RuleProblem::line).toList());
        assertEquals(Arrays.asList(null, "First", "First", "Second"),
                problems.stream().map(RuleProblem::rule).toList());
        assertTrue(problems.get(1).message().startsWith("'Thread'"));
        assertTrue(problems.get(2).message().startsWith("'System'"));
    }

    // ---- helpers

    /** A file whose line 9 is the given consequence line, in rule "A test rule fires". */
    private static String inConsequence(String line) {
        return withHeader("") + """
                rule "A test rule fires"
                    @severity("low") @description("a test")
                when
                    $n : Novelty()
                then
                """ + "    " + line + "\nend\n";
    }

    /** A file whose line 7 is the given condition. */
    private static String inCondition(String condition) {
        return withHeader("") + """
                rule "A test rule fires"
                    @severity("low") @description("a test")
                when
                """ + "    " + condition + """

                then
                    alerts.raise($n.getAgentId(), $n.getBehaviourKey());
                end
                """;
    }

    /** Lines 1 to 3: package, the vocabulary import and the given statement (default: the alerts global). */
    private static String withHeader(String statement) {
        String third = statement.isEmpty() ? "global Alerts alerts;" : statement;
        return "package rules.test;\nimport io.driftwatch.event.*;\n" + third + "\n";
    }

    private List<RuleProblem> problems(String drl) {
        return sandbox.check(new RuleSource(FILE, drl));
    }

    /** The message of the one problem of a consequence line. */
    private String refused(String consequence) {
        return single(inConsequence(consequence)).message();
    }

    private RuleProblem single(String drl) {
        List<RuleProblem> problems = problems(drl);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    @Test
    void redeclaringAVocabularyTypeIsRefusedButANewTypeIsNot() {
        String redeclare = "package rules.x;\nimport io.driftwatch.event.*;\n\ndeclare Novelty\n    @expires(1m)\nend\n";
        List<RuleProblem> problems = new RuleSandbox().check(new RuleSource("x.drl", redeclare));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("declare Novelty"), problems.get(0).message());
        String qualified = redeclare.replace("declare Novelty", "declare io.driftwatch.event.ResourceSample");
        assertEquals(1, new RuleSandbox().check(new RuleSource("x.drl", qualified)).size());
        String fresh = "package rules.x;\n\ndeclare Suspicion\n    agentId : String\nend\n";
        assertEquals(List.of(), new RuleSandbox().check(new RuleSource("x.drl", fresh)));
    }
}
