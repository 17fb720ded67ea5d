package io.driftwatch.change;

import java.time.Instant;

/**
 * A stored deployment record as the API shows it: the record read from its body, where it sits in the chain,
 * and whether its own hash, id and signature verify today.
 *
 * @param id              the id it is stored under (the body's, or derived from the body when it has none)
 * @param signatureScheme {@code hmac-sha256} or {@code ed25519}
 * @param problem         why it does not verify; absent when it does
 * @param record          the body read as a record; absent when it no longer reads as one
 */
public record StoredDeployment(long seq, String id, String hash, String prevHash, Instant receivedAt,
                               String signatureScheme, boolean verified, String problem, DeploymentRecord record) {
}
