package io.driftwatch.alert;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert state machine. Work states (open, in-review, suppressed) may be acknowledged or closed; acknowledged
 * may be closed; resolved, dismissed and accepted are final: a recurrence opens a new alert (after a dismissal,
 * only once {@link AlertWindows#dismissedQuiet()} has passed).
 */
public final class AlertStates {

    private static final List<String> CLOSE = List.of(Alert.RESOLVED, Alert.DISMISSED, Alert.ACCEPTED);
    private static final List<String> WORK = List.of(Alert.ACKNOWLEDGED, Alert.RESOLVED, Alert.DISMISSED, Alert.ACCEPTED);

    private static final Map<String, List<String>> NEXT = Map.of(
            Alert.OPEN, WORK,
            Alert.IN_REVIEW, WORK,
            Alert.SUPPRESSED, WORK,
            Alert.ACKNOWLEDGED, CLOSE,
            Alert.RESOLVED, List.of(),
            Alert.DISMISSED, List.of(),
            Alert.ACCEPTED, List.of());

    /** Statuses an alert is still worked in: recurrences count on it, closures close it. */
    public static final Set<String> ACTIVE = Set.of(Alert.OPEN, Alert.IN_REVIEW, Alert.ACKNOWLEDGED);

    private AlertStates() {
    }

    public static List<String> all() {
        return List.of(Alert.OPEN, Alert.IN_REVIEW, Alert.SUPPRESSED, Alert.ACKNOWLEDGED, Alert.RESOLVED,
                Alert.DISMISSED, Alert.ACCEPTED);
    }

    /** The states {@code from} may move to; empty for a final state. */
    public static List<String> next(String from) {
        return NEXT.getOrDefault(from, List.of());
    }

    public static boolean allowed(String from, String to) {
        return next(from).contains(to);
    }

    /** Closing says why; acknowledging need not. */
    public static boolean reasonRequired(String to) {
        return CLOSE.contains(to);
    }

    public static boolean known(String status) {
        return NEXT.containsKey(status);
    }
}
