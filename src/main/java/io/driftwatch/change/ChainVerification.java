package io.driftwatch.change;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of a verification.
 *
 * @param intact      no break at all
 * @param accepted    intact, or every break acknowledged: verified records explain (and may suppress) alerts
 * @param records     records walked
 * @param firstBroken the first break in chain order, acknowledged or not; null when intact
 * @param breaks      every break, in chain order
 */
public record ChainVerification(boolean intact, boolean accepted, int records,
                                @JsonInclude(JsonInclude.Include.ALWAYS) ChainBreak firstBroken,
                                List<ChainBreak> breaks, Instant verifiedAt) {

    static ChainVerification of(ChainWalk walk, Instant at) {
        return new ChainVerification(walk.intact(), walk.accepted(), walk.records(), walk.firstBroken(), walk.breaks(), at);
    }
}
