package io.driftwatch.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.conf.ClockTypeOption;

/**
 * Compiles DRL text into a KieContainer at runtime (classic DRL: its errors name the line), with the CEP
 * semantics of {@code facts.drl}, and checks that every rule carries the metadata Driftwatch needs.
 */
public final class RuleCompiler {

    static final String KBASE = "driftwatch";
    static final String KSESSION = "shard";
    private static final String SOURCE_ROOT = "src/main/resources/rules/";
    static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    private static final Pattern RULE_LINE = Pattern.compile("^\\s*rule\\s+(\"([^\"]+)\"|(\\S+))");
    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("[Rr]ule(?: name)?[= ]\"([^\"]+)\"");

    private static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();

    private final KieServices kie = KieServices.Factory.get();
    private final ClassLoader classLoader = RuleCompiler.class.getClassLoader();
    private final String facts = readFactsDrl();

    /** Compiles the set as the given version; throws {@link RuleCompilationException} listing every problem. */
    public CompiledRules compile(List<RuleSource> sources, long version) {
        if (sources.isEmpty()) {
            throw new RuleCompilationException(List.of(new RuleProblem("rules/", null, null, "no .drl files found")));
        }
        // a build number of its own: a set that compiled but was refused must not shadow a later one of that version
        ReleaseId releaseId = kie.newReleaseId("io.driftwatch", "rules", "1.0." + version + "." + BUILDS.incrementAndGet());
        KieFileSystem files = kie.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        files.writeKModuleXML(kmodule().toXML());
        files.write("src/main/resources/io/driftwatch/facts/facts.drl", facts);
        for (RuleSource s : sources) {
            files.write(SOURCE_ROOT + s.path(), s.text());
        }
        KieBuilder builder = kie.newKieBuilder(files, classLoader).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(problem(m, sources));
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
        KieContainer container = kie.newKieContainer(releaseId, classLoader);
        List<RuleInfo> rules = describe(container.getKieBase(KBASE), sources, problems);
        if (!problems.isEmpty()) {
            container.dispose();
            throw new RuleCompilationException(problems);
        }
        return new CompiledRules(version, releaseId, container, rules, List.copyOf(sources));
    }

    private KieModuleModel kmodule() {
        KieModuleModel model = kie.newKieModuleModel();
        KieBaseModel base = model.newKieBaseModel(KBASE)
                .setDefault(true)
                .setEventProcessingMode(EventProcessingOption.STREAM)
                .addPackage("*");
        base.newKieSessionModel(KSESSION).setDefault(true).setClockType(ClockTypeOption.PSEUDO);
        return model;
    }

    private static RuleProblem problem(Message m, List<RuleSource> sources) {
        String path = m.getPath() == null ? "" : m.getPath().replace("src/main/resources/", "").replaceFirst("^rules/", "");
        Integer line = m.getLine() > 0 ? m.getLine() : null;
        String rule = null;
        Matcher named = RULE_IN_MESSAGE.matcher(m.getText());
        if (named.find()) {
            rule = named.group(1).trim();
        } else if (line != null) {
            rule = sources.stream().filter(s -> s.path().equals(path)).findFirst()
                    .map(s -> enclosingRule(s.text(), line)).orElse(null);
        }
        return new RuleProblem("rules/" + path, line, rule, m.getText().trim());
    }

    /** The rule whose header is the last one at or above the line. */
    static String enclosingRule(String text, int line) {
        String[] lines = text.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher m = RULE_LINE.matcher(lines[i]);
            if (m.find()) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        return null;
    }

    private static List<RuleInfo> describe(KieBase base, List<RuleSource> sources, List<RuleProblem> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                String file = fileOf(r.getName(), sources);
                Map<String, Object> meta = metadata(r);
                String severity = text(meta.get("severity"));
                String description = text(meta.get("description"));
                boolean enrichment = meta.containsKey("enrichment");
                if (enrichment && severity != null) {
                    problems.add(new RuleProblem(file, null, r.getName(),
                            "an @enrichment rule decides about findings and raises none: it takes no @severity"));
                } else if (!enrichment && (severity == null || !SEVERITIES.contains(severity))) {
                    problems.add(new RuleProblem(file, null, r.getName(),
                            "@severity must be one of low, medium, high, critical; found " + severity));
                }
                if (description == null || description.isBlank()) {
                    problems.add(new RuleProblem(file, null, r.getName(), "@description is required"));
                }
                Duration dedupWindow = window(meta, "dedupwindow", "@dedupWindow", file, r.getName(), problems);
                Duration suppressFor = window(meta, "suppressfor", "@suppressFor", file, r.getName(), problems);
                rules.add(new RuleInfo(r.getName(), file, severity, description, list(meta.get("mitre")),
                        list(meta.get("compliance")), enrichment, dedupWindow, suppressFor));
            }
        }
        rules.sort((a, b) -> a.name().compareTo(b.name()));
        return rules;
    }

    /** A window in rule metadata: {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT1H}). */
    private static Duration window(Map<String, Object> meta, String key, String name, String file, String rule,
                                   List<RuleProblem> problems) {
        String v = text(meta.get(key));
        if (v == null) {
            return null;
        }
        Duration d = parseWindow(v);
        if (d == null || d.isNegative()) {
            problems.add(new RuleProblem(file, null, rule, name + " must be a duration like 90s, 15m, 1h or 2d; found " + v));
        }
        return d;
    }

    static Duration parseWindow(String v) {
        java.util.regex.Matcher m = Pattern.compile("(\\d+)\\s*(s|m|h|d)").matcher(v.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Metadata by simple lower-case name: Drools resolves {@code @description} to its own annotation type. */
    static Map<String, Object> metadata(Rule r) {
        Map<String, Object> meta = new java.util.HashMap<>();
        r.getMetaData().forEach((k, v) -> meta.put(k.substring(k.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT), v));
        return meta;
    }

    private static String fileOf(String rule, List<RuleSource> sources) {
        Pattern header = Pattern.compile("(?m)^\\s*rule\\s+\"?" + Pattern.quote(rule) + "\"?\\s");
        return sources.stream().filter(s -> header.matcher(s.text()).find()).map(s -> "rules/" + s.path())
                .findFirst().orElse(null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().trim();
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String readFactsDrl() {
        try (InputStream in = RuleCompiler.class.getResourceAsStream("facts.drl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
