package io.driftwatch.change;

import java.util.Objects;

/**
 * One place where the stored chain is not what Driftwatch wrote. A break is identified by its kind, seq, the
 * stored hash at that seq (for a head break: the head's hash) and the hash the chain expected there (the
 * predecessor's for a link, the newest record's for the head): an acknowledgment accepts exactly that, so a
 * further deletion before an acknowledged link, say, is a new break.
 *
 * @param id           the record's id; null for a head break
 * @param expectedHash what the chain expected: the predecessor's (or anchor's) hash for LINK, the newest record's
 *                     hash for HEAD; null otherwise
 */
public record ChainBreak(Kind kind, long seq, String id, String storedHash, String expectedHash, String reason,
                         boolean acknowledged) {

    public enum Kind {
        /** The stored hash is not the hash of the stored body and signature: the record was edited. */
        CONTENT,
        /** The record's prev_hash is not its predecessor's hash: a record before it was deleted or the rows rewired. */
        LINK,
        /** The stored id is not the body's (or the one derived from it). */
        ID,
        /** The body and signature hash correctly, but the signature does not verify with the configured keys. */
        SIGNATURE,
        /** The head does not name the newest record: the newest records were deleted, or rows added behind Driftwatch. */
        HEAD,
        /** The head row itself is gone. */
        HEAD_MISSING
    }

    public boolean sameAs(Acknowledgment a) {
        return kind == a.kind() && seq == a.seq() && Objects.equals(storedHash, a.storedHash())
                && Objects.equals(expectedHash, a.expectedHash());
    }

    /**
     * A record appended after an acknowledged head break links to the head's hash, not to the record before it:
     * that link is the acknowledged break itself, as long as the predecessor is still the one acknowledged.
     */
    public boolean continuesAfter(Acknowledgment a, String prevHash) {
        return kind == Kind.LINK && a.kind() == Kind.HEAD && Objects.equals(prevHash, a.storedHash())
                && Objects.equals(expectedHash, a.expectedHash());
    }

    ChainBreak acknowledged(boolean yes) {
        return new ChainBreak(kind, seq, id, storedHash, expectedHash, reason, yes);
    }
}
