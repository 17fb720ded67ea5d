package io.driftwatch.bench;

import java.util.List;

/** Names of the shipped rules (rules/behaviour/*.drl) an injected anomaly must raise. */
final class ExpectedRules {

    static final String LINEAGE = "A process starts from a parent neither the baseline nor an allowlist knows";
    static final String MODULE = "A module hash loads that neither the approved hash list nor the baseline knows";
    static final String DESTINATION_BURST =
            "An agent reaches more first-seen destinations in an hour than three times its 7-day hourly average";
    static final String CORRELATION = "A new outbound destination and a new module load on one agent within ten minutes";
    static final String CPU = "CPU stays above twice the 7-day p99 for five minutes or more";
    static final String EGRESS = "Egress stays above three times the 7-day p99 for five minutes or more";
    static final String API_RATE = "A principal calls the API far more in an hour than its 7-day hourly p99";
    static final String SENSITIVE_API = "A principal performs a sensitive API operation for the first time";

    static final List<String> ALL = List.of(LINEAGE, MODULE, DESTINATION_BURST, CORRELATION, CPU, EGRESS, API_RATE,
            SENSITIVE_API);

    private ExpectedRules() {
    }
}
