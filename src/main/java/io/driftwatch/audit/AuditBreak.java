package io.driftwatch.audit;

/**
 * The first place where the stored audit log is not what Driftwatch wrote.
 *
 * @param expected what the chain expected at {@code seq} (a hash, or for MISSING the seq)
 * @param found    what is stored there
 */
public record AuditBreak(Kind kind, long seq, String expected, String found, String reason) {

    public enum Kind {
        /** The entry's hash is not the hash of its content: it was edited in the database. */
        CONTENT,
        /** The entry's prev_hash is not its predecessor's hash: entries were rewired or replaced. */
        LINK,
        /** A seq is missing from the sequence: an entry was deleted. */
        MISSING,
        /** The head does not name the newest entry: the newest entries were deleted, or rows added behind Driftwatch. */
        HEAD
    }
}
