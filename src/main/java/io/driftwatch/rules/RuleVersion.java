package io.driftwatch.rules;

import java.time.Instant;

/** One activated rule set. */
public record RuleVersion(long version, String contentHash, String author, Instant createdAt, String message) {
}
