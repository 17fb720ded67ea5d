package io.driftwatch.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a rules directory ({@code **}{@code /*.drl} and the YAML data beside them) and compiles it into a {@link RuleSet}. */
public final class RuleLoader {

    private final RuleCompiler compiler;

    public RuleLoader(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    public RuleSet load(Path dir, long version) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException(List.of(new RuleProblem(dir.toString(), null, null,
                    "rules directory not found (set driftwatch.rules.dir)")));
        }
        return compile(files(dir), version);
    }

    /** Compiles a rule set given as files: relative path to text, DRL and YAML. */
    public RuleSet compile(Map<String, String> files, long version) {
        return compile(drl(files), data(files), version);
    }

    public RuleSet compile(List<RuleSource> drl, List<RuleSource> data, long version) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleData parsed = RuleData.parse(data, problems);
        CompiledRules compiled;
        try {
            compiled = compiler.compile(drl, version);
        } catch (RuleCompilationException e) {
            problems.addAll(0, e.problems());
            throw new RuleCompilationException(problems);
        }
        if (!problems.isEmpty()) {
            compiled.container().dispose();
            throw new RuleCompilationException(problems);
        }
        return new RuleSet(compiled, parsed);
    }

    /** The rule files (.drl, .yaml, .yml) under a directory, by path relative to it; empty when it is absent. */
    public static SortedMap<String, String> files(Path dir) {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String path = dir.relativize(p).toString().replace('\\', '/');
                if (isRuleFile(path) && !insideHiddenFolder(path)) {
                    files.put(path, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + dir, e);
        }
        return files;
    }

    /**
     * A mounted ConfigMap keeps its files in a {@code ..<timestamp>} folder and links them from the top: read only
     * the links, or every rule would load twice.
     */
    static boolean insideHiddenFolder(String path) {
        int slash = path.lastIndexOf('/');
        return slash > 0 && java.util.Arrays.stream(path.substring(0, slash).split("/")).anyMatch(d -> d.startsWith(".."));
    }

    public static boolean isRuleFile(String path) {
        return path.endsWith(".drl") || path.endsWith(".yaml") || path.endsWith(".yml");
    }

    public static List<RuleSource> drl(Map<String, String> files) {
        return files.entrySet().stream().filter(e -> e.getKey().endsWith(".drl"))
                .map(e -> new RuleSource(e.getKey(), e.getValue())).toList();
    }

    static List<RuleSource> data(Map<String, String> files) {
        return files.entrySet().stream().filter(e -> !e.getKey().endsWith(".drl"))
                .map(e -> new RuleSource(e.getKey(), e.getValue())).toList();
    }
}
