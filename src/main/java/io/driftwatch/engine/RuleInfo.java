package io.driftwatch.engine;

import java.util.List;

/** A compiled rule and the metadata every Driftwatch rule carries. */
public record RuleInfo(String name, String file, String severity, String description, List<String> mitre,
                       List<String> compliance, boolean enrichment) {

    public RuleInfo(String name, String file, String severity, String description, List<String> mitre,
                    List<String> compliance) {
        this(name, file, severity, description, mitre, compliance, false);
    }
}
