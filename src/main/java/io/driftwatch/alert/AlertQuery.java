package io.driftwatch.alert;

import java.time.Instant;

/** Filters and paging for listing alerts; null filters match everything. */
public record AlertQuery(String agentId, String rule, String severity, String status, Instant since, int limit,
                         int offset) {
}
