package io.driftwatch.change;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.driftwatch.change.ChainBreak.Kind;
import io.driftwatch.change.ChainWalk.VerifiedRecord;

/**
 * Walks the stored chain from its anchor: recomputes each hash, checks each link, the stored id and each
 * signature against the configured keys, and that the head names the newest record. Nothing is trusted from
 * an earlier walk except, for a row whose recomputed hash matches, what its (then identical) body and
 * signature were found to be: Ed25519 verification and JSON reading are most of a walk's cost.
 */
public final class ChainVerifier {

    private final RecordSignatures signatures;
    /** By stored hash, for rows whose hash recomputes: the hash fixes body and signature, the keys are fixed. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    public ChainVerifier(RecordSignatures signatures) {
        this.signatures = signatures;
    }

    /** What a body and signature are on their own. */
    private record Checked(DeploymentRecord record, String expectedId, String signatureProblem) {
    }

    /**
     * One row on its own, without its link: its break (content, id or signature; null when none) and its record
     * (null when the body does not read as a record today).
     */
    public record RowCheck(ChainBreak problem, DeploymentRecord record) {
        public boolean verified() {
            return problem == null && record != null;
        }
    }

    public RowCheck check(ChainRow row) {
        String recomputed = ChainHash.of(row.prevHash(), row.body(), row.signature());
        if (!recomputed.equals(row.hash())) {
            return new RowCheck(new ChainBreak(Kind.CONTENT, row.seq(), row.id(), row.hash(), null,
                    describe(row) + ": stored hash does not match its content (edited in the database)", false), null);
        }
        Checked c = checked.computeIfAbsent(row.hash(), h -> read(row));
        if (!row.id().equals(c.expectedId())) {
            return new RowCheck(new ChainBreak(Kind.ID, row.seq(), row.id(), row.hash(), null, describe(row)
                    + ": stored id does not match the record's body, which gives '" + RecordSignatures.printable(c.expectedId())
                    + "' (the id was changed in the database)", false), c.record());
        }
        if (c.signatureProblem() != null) {
            return new RowCheck(new ChainBreak(Kind.SIGNATURE, row.seq(), row.id(), row.hash(), null, describe(row)
                    + ": signature no longer verifies: " + c.signatureProblem(), false), c.record());
        }
        return new RowCheck(null, c.record());
    }

    private Checked read(ChainRow row) {
        RecordParser.Parsed parsed = RecordParser.parse(row.body());
        DeploymentRecord r = parsed.record();
        String expectedId;
        if (r != null) {
            expectedId = RecordParser.storedId(r, row.body());
        } else {
            String given = RecordParser.peek(row.body()).id();
            expectedId = given != null ? given : RecordParser.derivedId(row.body());
        }
        String pipeline = r != null ? r.pipeline().name() : RecordParser.peek(row.body()).pipeline();
        String problem = null;
        try {
            signatures.check(row.body().getBytes(StandardCharsets.UTF_8), row.signature(), pipeline);
        } catch (SignatureRefusedException e) {
            problem = e.getMessage();
        }
        return new Checked(r, expectedId, problem);
    }

    /**
     * @param head the head row; null when it is missing
     * @param rows every stored record, by seq
     * @param acks every acknowledgment made
     */
    public ChainWalk walk(ChainHead head, List<ChainRow> rows, List<Acknowledgment> acks) {
        List<ChainBreak> breaks = new ArrayList<>();
        List<VerifiedRecord> verified = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // without its head the anchor is lost too: the first record's link is taken as it is (the break is reported)
        String prev = head != null ? head.anchorHash() : rows.isEmpty() ? ChainHash.GENESIS : rows.get(0).prevHash();
        long prevSeq = head != null ? head.anchorSeq() : 0;
        boolean first = true;
        for (ChainRow row : rows) {
            if (!row.prevHash().equals(prev)) {
                String why = first
                        ? ": prev_hash does not match the chain's anchor" + (prevSeq == 0 ? "" : " (purged record " + prevSeq + ")")
                                + ": older records were deleted"
                        : ": prev_hash does not match the hash of record " + prevSeq
                                + " before it: a record between them was deleted, or records were rewired";
                ChainBreak link = new ChainBreak(Kind.LINK, row.seq(), row.id(), row.hash(), prev, describe(row) + why, false);
                String linkedTo = row.prevHash();
                breaks.add(link.acknowledged(acks.stream().anyMatch(a -> link.sameAs(a) || link.continuesAfter(a, linkedTo))));
            }
            RowCheck c = check(row);
            if (c.problem() != null) {
                breaks.add(acknowledge(c.problem(), acks));
            } else if (c.record() != null) {
                verified.add(new VerifiedRecord(row, c.record()));
            }
            seen.add(row.hash());
            prev = row.hash();
            prevSeq = row.seq();
            first = false;
        }
        ChainBreak headBreak = head(head, rows);
        if (headBreak != null) {
            breaks.add(acknowledge(headBreak, acks));
        }
        checked.keySet().retainAll(seen);
        return new ChainWalk(rows.size(), breaks, verified);
    }

    private static ChainBreak head(ChainHead head, List<ChainRow> rows) {
        ChainRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (head == null) {
            return new ChainBreak(Kind.HEAD_MISSING, last == null ? 0 : last.seq(), null,
                    last == null ? ChainHash.GENESIS : last.hash(), null,
                    "the chain head row is missing from deployment_chain_head (deleted in the database); records "
                            + "cannot be appended until an admin acknowledges this", false);
        }
        long lastSeq = last == null ? head.anchorSeq() : last.seq();
        String lastHash = last == null ? head.anchorHash() : last.hash();
        if (head.lastSeq() == lastSeq && head.lastHash().equals(lastHash)) {
            return null;
        }
        String newest = last == null ? "no record is kept after the anchor" : "the newest record is " + lastSeq;
        String why;
        if (head.lastSeq() > lastSeq) {
            why = "the chain head names record " + head.lastSeq() + " (hash " + abbreviate(head.lastHash()) + "), but "
                    + newest + ": the newest records were deleted";
        } else if (head.lastSeq() < lastSeq) {
            why = "records after the chain head (record " + head.lastSeq() + ") were not appended through Driftwatch; "
                    + newest;
        } else {
            why = "the chain head's hash for record " + head.lastSeq() + " does not match the record: it was rewritten";
        }
        return new ChainBreak(Kind.HEAD, head.lastSeq(), null, head.lastHash(), lastHash, why, false);
    }

    private static ChainBreak acknowledge(ChainBreak b, List<Acknowledgment> acks) {
        return b.acknowledged(acks.stream().anyMatch(b::sameAs));
    }

    private static String describe(ChainRow row) {
        return "record " + row.seq() + " (id " + RecordSignatures.printable(row.id()) + ")";
    }

    static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
