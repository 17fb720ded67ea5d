package io.driftwatch.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.engine.RuleCompilationException;
import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleProblem;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.engine.RuleSource;

/**
 * The one way rules change: a proposed set of files is checked by the sandbox, compiled, and replayed against
 * every scenario; only then is it activated on every shard, written through to the rules directory and recorded
 * as a version. On any failure the running rules stay in force. Changes are serialized.
 */
@ApplicationScoped
public class RuleManager {

    private static final Logger LOG = Logger.getLogger(RuleManager.class);

    private final Path dir;
    private final Path scenarios;
    private final RuleVersionStore versions;
    private final EngineLifecycle lifecycle;
    private final io.driftwatch.engine.EngineMetrics metrics;
    private final Clock clock;
    private final RuleLoader loader = new RuleLoader(new RuleCompiler());
    private final RuleSandbox sandbox = new RuleSandbox();
    private final ScenarioRunner runner = new ScenarioRunner();
    private SortedMap<String, String> active = new TreeMap<>();

    public RuleManager(DriftwatchConfig config, RuleVersionStore versions, EngineLifecycle lifecycle, Clock clock,
                       io.driftwatch.engine.EngineMetrics metrics) {
        this.metrics = metrics;
        this.dir = Path.of(config.rules().dir()).toAbsolutePath();
        this.scenarios = Path.of(config.rules().scenariosDir()).toAbsolutePath();
        this.versions = versions;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * The rule set the service starts with: the files on disk. When they differ from the last recorded version
     * (edited while the service was stopped), they become a new version by "startup", so the change is on record.
     */
    public synchronized RuleSet startup() {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException(List.of(new RuleProblem(dir.toString(), null, null,
                    "rules directory not found (set driftwatch.rules.dir)")));
        }
        SortedMap<String, String> files = RuleLoader.files(dir);
        refuseUnsafe(files);
        String hash = RuleFiles.hash(files);
        Optional<RuleVersion> latest = versions.latest();
        boolean known = latest.isPresent() && latest.get().contentHash().equals(hash);
        long version = known ? latest.get().version() : latest.map(v -> v.version() + 1).orElse(1L);
        RuleSet set = loader.compile(files, version);
        if (!known) {
            String why = latest.isEmpty() ? "the rules directory at first start"
                    : "the rules directory changed while the service was stopped (not through the API)";
            versions.save(new RuleVersion(version, hash, "startup", clock.instant(), why), files, "startup");
            if (latest.isPresent()) {
                LOG.warnf("rules: %s; recorded as version %d", why, version);
            }
        }
        active = files;
        return set;
    }

    public synchronized SortedMap<String, String> activeFiles() {
        return new TreeMap<>(active);
    }

    /** True when the rules directory holds exactly the active version's files. */
    public boolean diskMatchesActive() {
        return RuleLoader.files(dir).equals(activeFiles());
    }

    public synchronized Activation put(String path, String text, String author, String message) {
        SortedMap<String, String> next = activeFiles();
        next.put(RuleFiles.checkPath(path), text);
        return activate(next, author, message == null ? "put " + path : message, "put " + path);
    }

    public synchronized Activation delete(String path, String author, String message) {
        SortedMap<String, String> next = activeFiles();
        if (next.remove(RuleFiles.checkPath(path)) == null) {
            throw io.driftwatch.api.ProblemException.notFound("no rule file " + path);
        }
        return activate(next, author, message == null ? "delete " + path : message, "delete " + path);
    }

    /** Activates whatever the rules directory holds now. */
    public synchronized Activation reload(String author, String message) {
        return activate(RuleLoader.files(dir), author, message == null ? "reload from the rules directory" : message,
                "reload");
    }

    public synchronized Activation rollback(long version, String author, String message) {
        Map<String, String> files = versions.files(version)
                .orElseThrow(() -> io.driftwatch.api.ProblemException.notFound("no rule version " + version));
        return activate(new TreeMap<>(files), author, message == null ? "rollback to version " + version : message,
                "rollback to version " + version);
    }

    /** What activating {@code changes} (path to text; null deletes) would do, without activating it. */
    public synchronized Validation validate(Map<String, String> changes) {
        SortedMap<String, String> next = activeFiles();
        changes.forEach((path, text) -> {
            if (text == null) {
                next.remove(RuleFiles.checkPath(path));
            } else {
                next.put(RuleFiles.checkPath(path), text);
            }
        });
        RuleSet proposed;
        try {
            refuseUnsafe(next);
            proposed = loader.compile(next, versionAfterLatest());
        } catch (RuleCompilationException e) {
            return new Validation(false, List.copyOf(e.problems()), List.of(), null);
        }
        List<ScenarioResult> results = scenariosPresent() ? runner.run(proposed, scenarios) : List.of();
        WouldHaveFired.Diff diff = scenariosPresent()
                ? new WouldHaveFired(runner).diff(lifecycle.engine().rules(), proposed, scenarios) : null;
        proposed.compiled().container().dispose();
        return new Validation(results.stream().allMatch(ScenarioResult::passed), List.of(), results, diff);
    }

    /** The outcome of a proposed change that was not activated. */
    public record Validation(boolean valid, List<RuleProblem> problems, List<ScenarioResult> scenarios,
                             WouldHaveFired.Diff wouldHaveFired) {
    }

    /** A rule set that became active. */
    public record Activation(long version, String contentHash, String author, String message, long activationMillis,
                             int scenariosPassed, int rules) {
    }

    private Activation activate(SortedMap<String, String> next, String author, String message, String change) {
        String who = author == null || author.isBlank() ? "admin" : author;
        refuseUnsafe(next);
        long version = versionAfterLatest();
        RuleSet proposed = loader.compile(next, version);
        List<ScenarioResult> results = scenariosPresent() ? runner.run(proposed, scenarios) : List.of();
        List<Object> failures = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (!r.passed()) {
                failures.add(new ScenarioFailure(r.name(), r.missing().stream().map(Object::toString).toList(),
                        r.unexpected().stream().map(Object::toString).toList(), r.error()));
            }
        }
        if (!failures.isEmpty()) {
            proposed.compiled().container().dispose();
            LOG.warnf("rules: change by %s refused, %d scenarios fail: %s", who, failures.size(), message);
            throw new RuleChangeRejectedException(failures.size() + " of " + results.size()
                    + " scenarios no longer give their expected alerts; the running rules stay in force", failures);
        }
        long started = System.nanoTime();
        lifecycle.engine().activate(proposed);
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.ruleActivation(millis);
        SortedMap<String, String> before = active;
        active = next;
        RuleFiles.write(dir, before, next);
        String hash = RuleFiles.hash(next);
        versions.save(new RuleVersion(version, hash, who, clock.instant(), message), next, change); // audited with it
        LOG.infof("rules: version %d activated by %s in %d ms (%d rules, %d scenarios pass): %s", version, who, millis,
                proposed.compiled().rules().size(), results.size(), message);
        return new Activation(version, hash, who, message, millis, results.size(), proposed.compiled().rules().size());
    }

    /** One scenario a change breaks. */
    public record ScenarioFailure(String scenario, List<String> missing, List<String> unexpected, String error) {
    }

    private void refuseUnsafe(Map<String, String> files) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSource s : RuleLoader.drl(files)) {
            problems.addAll(sandbox.check(s));
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
    }

    /**
     * Scale-out: activates the newest recorded version when another instance recorded it, so every instance runs
     * the same rules within the follow interval. Its scenarios passed there; it is compiled and applied here.
     *
     * @return the version taken on, or empty when this instance runs the newest already
     */
    public synchronized Optional<Long> follow() {
        Optional<RuleVersion> latest = versions.latest();
        if (latest.isEmpty() || latest.get().version() <= lifecycle.engine().rules().version()) {
            return Optional.empty();
        }
        RuleVersion v = latest.get();
        SortedMap<String, String> next = new TreeMap<>(versions.files(v.version()).orElseThrow());
        SortedMap<String, String> before = active;
        lifecycle.engine().activate(loader.compile(next, v.version()));
        active = next;
        try {
            RuleFiles.write(dir, before, next);
        } catch (RuntimeException readOnly) {
            LOG.warnf("rules: version %d runs, but the rules directory could not follow it: %s", v.version(),
                    readOnly.getMessage());
        }
        LOG.infof("rules: version %d by %s, activated on another instance, activated here: %s", v.version(),
                v.author(), v.message());
        return Optional.of(v.version());
    }

    private long versionAfterLatest() {
        return versions.latest().map(v -> v.version() + 1).orElse(1L);
    }

    private boolean scenariosPresent() {
        return Files.isDirectory(scenarios);
    }
}
