package io.driftwatch.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.driftwatch.engine.RuleSet;

/**
 * What a proposed rule set would change on the scenarios: per case, the alerts it would raise that the current
 * set does not, and those it would no longer raise. Compares what fires, not expected.json, so a case with a
 * broken expected.json is still compared; a case whose events cannot be replayed is listed in {@code errors}.
 */
public final class WouldHaveFired {

    /** The change on one scenario; {@code added} and {@code removed} are never both empty. */
    public record ScenarioDiff(String name, Set<ExpectedAlert> added, Set<ExpectedAlert> removed) {

        public ScenarioDiff {
            added = ScenarioResult.sorted(added);
            removed = ScenarioResult.sorted(removed);
        }
    }

    /**
     * @param scenarios the scenarios on which the sets differ, sorted by name
     * @param errors    scenario name to why it could not be replayed (under either set)
     */
    public record Diff(List<ScenarioDiff> scenarios, Map<String, String> errors) {

        public Diff {
            scenarios = List.copyOf(scenarios);
            errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
        }

        /** True when the proposed set fires exactly what the current one does on every replayed scenario. */
        public boolean identical() {
            return scenarios.isEmpty();
        }
    }

    private final ScenarioRunner runner;

    public WouldHaveFired() {
        this(new ScenarioRunner());
    }

    public WouldHaveFired(ScenarioRunner runner) {
        this.runner = runner;
    }

    /** @throws IllegalArgumentException when {@code scenariosDir} is not a directory */
    public Diff diff(RuleSet current, RuleSet proposed, Path scenariosDir) {
        List<ScenarioDiff> changed = new ArrayList<>();
        Map<String, String> errors = new TreeMap<>();
        for (ScenarioCase c : ScenarioCase.list(scenariosDir)) {
            Set<ExpectedAlert> before;
            Set<ExpectedAlert> after;
            try {
                before = runner.fire(current, c);
            } catch (ScenarioException e) {
                errors.put(c.name(), e.getMessage());
                continue;
            }
            try {
                after = runner.fire(proposed, c);
            } catch (ScenarioException e) {
                errors.put(c.name(), "under the proposed rules: " + e.getMessage());
                continue;
            }
            Set<ExpectedAlert> added = ScenarioResult.minus(after, before);
            Set<ExpectedAlert> removed = ScenarioResult.minus(before, after);
            if (!added.isEmpty() || !removed.isEmpty()) {
                changed.add(new ScenarioDiff(c.name(), added, removed));
            }
        }
        return new Diff(changed, errors);
    }
}
