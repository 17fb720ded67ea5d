package io.driftwatch.change;

import java.time.Instant;

/** One stored deployment record, as the database holds it. */
public record ChainRow(long seq, String id, String body, String signature, Instant receivedAt, String prevHash,
                       String hash) {
}
