package io.driftwatch.change;

import java.util.List;

/**
 * What one walk of the chain found: every break (acknowledged or not) in chain order, and the records whose
 * own content, id and signature verified.
 */
public record ChainWalk(int records, List<ChainBreak> breaks, List<VerifiedRecord> verified) {

    /** A record that verified, with its body read. */
    public record VerifiedRecord(ChainRow row, DeploymentRecord record) {
    }

    public ChainWalk {
        breaks = List.copyOf(breaks);
        verified = List.copyOf(verified);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }

    /** Intact, or every break acknowledged: deployment records may explain (and suppress) alerts. */
    public boolean accepted() {
        return breaks.stream().allMatch(ChainBreak::acknowledged);
    }

    public ChainBreak firstBroken() {
        return breaks.isEmpty() ? null : breaks.get(0);
    }

    public ChainBreak firstUnacknowledged() {
        return breaks.stream().filter(b -> !b.acknowledged()).findFirst().orElse(null);
    }

    public List<ChainBreak> unacknowledged() {
        return breaks.stream().filter(b -> !b.acknowledged()).toList();
    }
}
