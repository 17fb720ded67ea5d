package io.driftwatch.change;

import java.time.Instant;

/**
 * An admin's acceptance of one chain break (who, why, when, and which break): later verification accepts that
 * break, so suppression by deployment records comes back; any other break still turns it off.
 */
public record Acknowledgment(ChainBreak.Kind kind, long seq, String storedHash, String expectedHash,
                             String breakReason, String author, String reason, Instant at) {

    static Acknowledgment of(ChainBreak b, String author, String reason, Instant at) {
        return new Acknowledgment(b.kind(), b.seq(), b.storedHash(), b.expectedHash(), b.reason(), author, reason, at);
    }
}
