package io.driftwatch.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.driftwatch.change.ChainBreak.Kind;

/**
 * The chain walk on its own: what each kind of tampering looks like, and that an acknowledgment accepts exactly
 * the break it names and nothing done after it.
 */
class DeploymentChainTest {

    static final RecordSignatures SIGNATURES = RecordSignatures.of(Optional.of(DeploymentTestKeys.HMAC_KEY), Map.of());
    static final Instant AT = Instant.parse("2026-11-20T10:05:00Z");

    /** A chain as DeploymentStore writes it, in memory. */
    static final class Chain {
        final List<ChainRow> rows = new ArrayList<>();
        ChainHead head = ChainHead.EMPTY;
        final List<Acknowledgment> acks = new ArrayList<>();
        final ChainVerifier verifier = new ChainVerifier(SIGNATURES);

        Chain(int records) {
            for (int i = 1; i <= records; i++) {
                append();
            }
        }

        ChainRow append() {
            long seq = head.lastSeq() + 1;
            String body = DeploymentTestKeys.record("r" + seq, DeploymentTestKeys.PIPELINE, "web-" + seq);
            String signature = DeploymentTestKeys.hmac(body);
            ChainRow row = new ChainRow(seq, "r" + seq, body, signature, AT, head.lastHash(),
                    ChainHash.of(head.lastHash(), body, signature));
            rows.add(row);
            head = new ChainHead(seq, row.hash(), head.anchorSeq(), head.anchorHash());
            return row;
        }

        ChainRow row(long seq) {
            return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
        }

        void replace(long seq, ChainRow with) {
            rows.set(rows.indexOf(row(seq)), with);
        }

        void delete(long seq) {
            rows.remove(row(seq));
        }

        ChainWalk walk() {
            return verifier.walk(head, rows, acks);
        }

        /** What POST /deployments/verify/acknowledge stores. */
        void acknowledgeAll() {
            for (ChainBreak b : walk().unacknowledged()) {
                acks.add(Acknowledgment.of(b, "alice", "INC-7: restored from backup", AT));
            }
        }
    }

    static ChainRow withBody(ChainRow r, String body) {
        return new ChainRow(r.seq(), r.id(), body, r.signature(), r.receivedAt(), r.prevHash(), r.hash());
    }

    @Test
    void theHashIsSha256OfPreviousHashBodyAndSignatureOnLines() {
        // printf '%s\n%s\n%s' 000…000 '{"a":1}' 'hmac-sha256=ab' | sha256sum
        assertEquals("7c275183c101ec5c5257c88def20b9e543db772376095da0648ae3073d01015b",
                ChainHash.of(ChainHash.GENESIS, "{\"a\":1}", "hmac-sha256=ab"));
    }

    @Test
    void anUntouchedChainIsIntactAndEveryRecordVerified() {
        Chain c = new Chain(3);
        ChainWalk w = c.walk();
        assertTrue(w.intact());
        assertTrue(w.accepted());
        assertNull(w.firstBroken());
        assertEquals(3, w.records());
        assertEquals(List.of("r1", "r2", "r3"), w.verified().stream().map(v -> v.row().id()).toList());
        assertTrue(new Chain(0).walk().intact());
    }

    @Test
    void anEditedBodyBreaksAtThatRecordAndOnlyThatRecordIsUnverified() {
        Chain c = new Chain(3);
        ChainRow r2 = c.row(2);
        c.replace(2, withBody(r2, r2.body().replace("alice@example.com", "mallory@example.com")));
        ChainWalk w = c.walk();
        assertFalse(w.accepted());
        assertEquals(1, w.breaks().size());
        ChainBreak b = w.firstBroken();
        assertEquals(Kind.CONTENT, b.kind());
        assertEquals(2, b.seq());
        assertEquals("r2", b.id());
        assertEquals("record 2 (id r2): stored hash does not match its content (edited in the database)", b.reason());
        assertEquals(List.of("r1", "r3"), w.verified().stream().map(v -> v.row().id()).toList());
    }

    @Test
    void anEditWithEveryHashRecomputedIsCaughtByTheSignature() {
        Chain c = new Chain(3);
        List<ChainRow> rewritten = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (ChainRow r : c.rows) {
            String body = r.seq() == 2 ? r.body().replace("web-2", "db-1") : r.body();
            String hash = ChainHash.of(prev, body, r.signature());
            rewritten.add(new ChainRow(r.seq(), r.id(), body, r.signature(), r.receivedAt(), prev, hash));
            prev = hash;
        }
        c.rows.clear();
        c.rows.addAll(rewritten);
        c.head = new ChainHead(3, prev, 0, ChainHash.GENESIS);
        ChainBreak b = c.walk().firstBroken();
        assertEquals(Kind.SIGNATURE, b.kind());
        assertEquals(2, b.seq());
        assertTrue(b.reason().contains("signature no longer verifies"), b.reason());
    }

    @Test
    void aDeletedMiddleRecordBreaksTheLinkOfTheNextOne() {
        Chain c = new Chain(3);
        c.delete(2);
        ChainWalk w = c.walk();
        assertEquals(1, w.breaks().size());
        ChainBreak b = w.firstBroken();
        assertEquals(Kind.LINK, b.kind());
        assertEquals(3, b.seq());
        assertEquals(c.row(1).hash(), b.expectedHash());
        assertTrue(b.reason().contains("does not match the hash of record 1 before it"), b.reason());
    }

    @Test
    void aDeletedOldestRecordNoLongerLinksToTheAnchor() {
        Chain c = new Chain(3);
        c.delete(1);
        ChainBreak b = c.walk().firstBroken();
        assertEquals(Kind.LINK, b.kind());
        assertEquals(2, b.seq());
        assertTrue(b.reason().contains("older records were deleted"), b.reason());
    }

    @Test
    void aDeletedNewestRecordIsCaughtByTheHead() {
        Chain c = new Chain(3);
        String deleted = c.row(3).hash();
        c.delete(3);
        ChainWalk w = c.walk();
        assertEquals(1, w.breaks().size());
        ChainBreak b = w.firstBroken();
        assertEquals(Kind.HEAD, b.kind());
        assertEquals(3, b.seq());
        assertEquals(deleted, b.storedHash());
        assertTrue(b.reason().contains("the newest record is 2: the newest records were deleted"), b.reason());
        // every record left is still its own, verified
        assertEquals(2, w.verified().size());
    }

    @Test
    void aRecordAddedBehindTheHeadOrAChangedIdIsCaught() {
        Chain c = new Chain(2);
        ChainHead before = c.head;
        c.append();
        c.head = before;
        assertEquals(Kind.HEAD, c.walk().firstBroken().kind());
        assertTrue(c.walk().firstBroken().reason().contains("not appended through Driftwatch"));

        Chain d = new Chain(2);
        ChainRow r = d.row(2);
        d.replace(2, new ChainRow(2, "someone-else", r.body(), r.signature(), r.receivedAt(), r.prevHash(), r.hash()));
        assertEquals(Kind.ID, d.walk().firstBroken().kind());
    }

    @Test
    void aMissingHeadRowIsABreak() {
        Chain c = new Chain(2);
        c.head = null;
        ChainWalk w = c.walk();
        assertEquals(Kind.HEAD_MISSING, w.firstBroken().kind());
        assertEquals(1, w.breaks().size());
    }

    @Test
    void anAcknowledgedBreakIsAcceptedByLaterVerification() {
        Chain c = new Chain(3);
        ChainRow r2 = c.row(2);
        c.replace(2, withBody(r2, r2.body().replace("web-2", "db-1")));
        c.acknowledgeAll();
        ChainWalk w = c.walk();
        assertFalse(w.intact());
        assertTrue(w.accepted());
        assertTrue(w.firstBroken().acknowledged());
        assertNull(w.firstUnacknowledged());
        // the edited record itself never becomes a fact again
        assertEquals(List.of("r1", "r3"), w.verified().stream().map(v -> v.row().id()).toList());
        c.append();
        assertTrue(c.walk().accepted());
    }

    @Test
    void aNewBreakAfterAnAcknowledgmentIsNotAccepted() {
        Chain c = new Chain(4);
        ChainRow r2 = c.row(2);
        c.replace(2, withBody(r2, r2.body().replace("web-2", "db-1")));
        c.acknowledgeAll();
        c.delete(3);
        ChainWalk w = c.walk();
        assertFalse(w.accepted());
        assertEquals(Kind.LINK, w.firstUnacknowledged().kind());
        assertEquals(4, w.firstUnacknowledged().seq());
        assertTrue(w.firstBroken().acknowledged());
    }

    @Test
    void anotherDeletionBeforeAnAcknowledgedLinkIsANewBreak() {
        Chain c = new Chain(4);
        c.delete(3);
        c.acknowledgeAll();
        assertTrue(c.walk().accepted());
        c.delete(2); // record 4 still fails its link, but now to record 1: not what was acknowledged
        ChainWalk w = c.walk();
        assertFalse(w.accepted());
        assertEquals(4, w.firstUnacknowledged().seq());
    }

    @Test
    void recordsAppendedAfterAnAcknowledgedDeletionOfTheNewestAreAccepted() {
        Chain c = new Chain(3);
        c.delete(3);
        c.acknowledgeAll();
        assertTrue(c.walk().accepted());
        c.append(); // links to the head, i.e. to the deleted record 3
        c.append();
        ChainWalk w = c.walk();
        assertTrue(w.accepted(), () -> w.breaks().toString());
        assertEquals(Kind.LINK, w.breaks().get(0).kind());
        c.delete(1); // a new deletion is not covered by it
        assertFalse(c.walk().accepted());
    }

    @Test
    void aPurgedPrefixVerifiesFromItsAnchor() {
        Chain c = new Chain(4);
        ChainRow last = c.row(2);
        c.delete(1);
        c.delete(2);
        c.head = new ChainHead(c.head.lastSeq(), c.head.lastHash(), last.seq(), last.hash());
        assertTrue(c.walk().intact());
    }
}
