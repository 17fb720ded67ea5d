package io.driftwatch.rules;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one scenario raised against what its {@code expected.json} lists. {@code error} is null when the case
 * ran; otherwise it says why the case could not be judged (an unreadable expected.json, a rejected event line,
 * an engine failure), {@code actual} is empty and the case has failed.
 *
 * @param name        the case folder's name
 * @param description the description from expected.json ("" when unknown)
 * @param expected    the alerts expected.json lists
 * @param actual      the alerts the replay raised, deduplicated like the alert store does
 * @param error       why the case could not be judged, or null
 */
public record ScenarioResult(String name, String description, Set<ExpectedAlert> expected, Set<ExpectedAlert> actual,
                             String error) {

    public ScenarioResult {
        description = description == null ? "" : description;
        expected = sorted(expected);
        actual = sorted(actual);
    }

    /** A case that ran. */
    public ScenarioResult(String name, String description, Set<ExpectedAlert> expected, Set<ExpectedAlert> actual) {
        this(name, description, expected, actual, null);
    }

    /** A case that could not be judged. */
    public static ScenarioResult failed(String name, String description, Set<ExpectedAlert> expected, String error) {
        return new ScenarioResult(name, description, expected, Set.of(), error);
    }

    /** Expected alerts the replay did not raise. */
    public Set<ExpectedAlert> missing() {
        return minus(expected, actual);
    }

    /** Raised alerts expected.json does not list. */
    public Set<ExpectedAlert> unexpected() {
        return minus(actual, expected);
    }

    /** True when the case ran and raised exactly the expected alerts. */
    public boolean passed() {
        return error == null && expected.equals(actual);
    }

    static Set<ExpectedAlert> minus(Set<ExpectedAlert> a, Set<ExpectedAlert> b) {
        SortedSet<ExpectedAlert> out = new TreeSet<>(a);
        out.removeAll(b);
        return Collections.unmodifiableSortedSet(out);
    }

    static Set<ExpectedAlert> sorted(Set<ExpectedAlert> alerts) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(alerts == null ? Set.of() : alerts));
    }
}
