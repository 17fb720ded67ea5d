package io.driftwatch.change;

/**
 * The chain's one-row head: the newest record's seq and hash (so deleting the newest record is caught) and the
 * anchor the oldest kept record links to (the last purged record, or {@link ChainHash#GENESIS} at seq 0).
 */
public record ChainHead(long lastSeq, String lastHash, long anchorSeq, String anchorHash) {

    public static final ChainHead EMPTY = new ChainHead(0, ChainHash.GENESIS, 0, ChainHash.GENESIS);
}
