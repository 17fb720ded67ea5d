package io.driftwatch.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.engine.Engine;
import io.driftwatch.engine.EngineSettings;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.drift.ApprovedFiles;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.event.Event;
import io.driftwatch.ingest.ReaderLimits;

/**
 * Replays every scenario under a directory ({@code <case>/events.ndjson}) through a fresh in-process engine and
 * compares the deduplicated alerts with {@code <case>/expected.json}, as ScenarioTest does through the service:
 * the set of (agent, rule, behaviour key, severity) must equal the expected set. Needs no service, database or
 * port. One compiled {@link RuleSet} serves every case: each engine opens its own sessions from it.
 */
public final class ScenarioRunner {

    /** Two shards: enough to route agents as the service does, cheap to start fifteen times. */
    public static final int SHARDS = 2;
    private static final long SUBMIT_WAIT_MILLIS = 10_000;
    private static final long CASE_TIMEOUT_SECONDS = 120;

    private final EngineSettings engineSettings;
    private final BaselineSettings baselineSettings;

    /** The service's engine and baseline defaults, with {@link #SHARDS} shards. */
    public ScenarioRunner() {
        this(withShards(EngineSettings.defaults(), SHARDS), BaselineSettings.defaults());
    }

    public ScenarioRunner(EngineSettings engineSettings, BaselineSettings baselineSettings) {
        this.engineSettings = engineSettings;
        this.baselineSettings = baselineSettings;
    }

    /**
     * Runs every case folder, sorted by name. A case that cannot be judged becomes a failed result with an
     * error; it does not stop the run.
     *
     * @throws IllegalArgumentException when {@code scenariosDir} is not a directory
     */
    public List<ScenarioResult> run(RuleSet rules, Path scenariosDir) {
        List<ScenarioResult> results = new ArrayList<>();
        for (ScenarioCase c : ScenarioCase.list(scenariosDir)) {
            results.add(run(rules, c));
        }
        return results;
    }

    ScenarioResult run(RuleSet rules, ScenarioCase c) {
        ScenarioCase.Expectation expected;
        try {
            expected = c.expectation();
        } catch (ScenarioException e) {
            return ScenarioResult.failed(c.name(), "", Set.of(), e.getMessage());
        }
        try {
            return new ScenarioResult(c.name(), expected.description(), expected.alerts(), fire(rules, c));
        } catch (ScenarioException e) {
            return ScenarioResult.failed(c.name(), expected.description(), expected.alerts(), e.getMessage());
        }
    }

    /** The deduplicated alerts the case's events raise under the rules, from an engine of their own. */
    Set<ExpectedAlert> fire(RuleSet rules, ScenarioCase c) throws ScenarioException {
        List<Event> events = c.events(ReaderLimits.DEFAULTS, c.expectation().cluster());
        ApprovedConfig approved = new ApprovedConfig();
        for (ApprovedFiles.Entry e : c.approved()) {
            approved.put(new ApprovedConfig.Approval(e.object(), "file:" + e.file(), "scenario", Instant.EPOCH, e.sourceHash()));
        }
        DeduplicatedAlerts alerts = new DeduplicatedAlerts();
        try (Engine engine = new Engine(engineSettings, baselineSettings, rules, alerts, approved, ApprovalStore.NONE)) {
            engine.start();
            engine.useDeployments(c.deployments());
            engine.submit(events, SUBMIT_WAIT_MILLIS).get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ScenarioException("the engine failed on " + c.inputs() + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new ScenarioException("the engine did not finish " + events.size() + " events within "
                    + CASE_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted");
        } catch (RuntimeException e) {
            // EngineSaturatedException and anything else thrown on this thread: this case fails, the run goes on
            throw new ScenarioException("the engine refused " + c.inputs() + ": " + e);
        }
        return alerts.alerts();
    }

    private static EngineSettings withShards(EngineSettings s, int shards) {
        return new EngineSettings(shards, s.queueEvents(), s.allowedLateness(), s.dedupWindow(), s.dedupCapacity());
    }
}
