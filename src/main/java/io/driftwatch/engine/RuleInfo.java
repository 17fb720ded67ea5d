package io.driftwatch.engine;

import java.time.Duration;
import java.util.List;

/**
 * A compiled rule and the metadata every Driftwatch rule carries.
 *
 * @param dedupWindow {@code @dedupWindow("1h")}: how long an alert gathers recurrences; null: the configured default
 * @param suppressFor {@code @suppressFor("15m")}: recurrences within this of a published one count quietly; null:
 *                    the configured default
 */
public record RuleInfo(String name, String file, String severity, String description, List<String> mitre,
                       List<String> compliance, boolean enrichment, Duration dedupWindow, Duration suppressFor) {

    public RuleInfo(String name, String file, String severity, String description, List<String> mitre,
                    List<String> compliance, boolean enrichment) {
        this(name, file, severity, description, mitre, compliance, enrichment, null, null);
    }

    public RuleInfo(String name, String file, String severity, String description, List<String> mitre,
                    List<String> compliance) {
        this(name, file, severity, description, mitre, compliance, false);
    }
}
