package io.driftwatch.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return compile(read(dir, ".drl"), read(dir, ".yaml"), version);
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

    static List<RuleSource> read(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<RuleSource> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(suffix) || (suffix.equals(".yaml") && f.toString().endsWith(".yml")))
                    .sorted().toList()) {
                out.add(new RuleSource(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + dir, e);
        }
    }
}
