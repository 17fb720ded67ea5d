package io.driftwatch.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import io.driftwatch.audit.AuditBreak.Kind;
import io.driftwatch.change.ChainHash;
import io.driftwatch.store.StoreException;

/**
 * One verification of the audit log: reads the head, then the entries up to it page by page (keyset paging on seq),
 * recomputing each hash and checking each link and that no seq is missing; stops at the first break. Entries
 * appended during the walk are past the head it read and left for the next walk.
 */
final class AuditWalk {

    private final DataSource db;
    private final int page;

    AuditWalk(DataSource db, int page) {
        this.db = db;
        this.page = Math.max(1, page);
    }

    AuditVerification walk(Instant now) {
        try (Connection c = db.getConnection()) {
            AuditLog.Head head = head(c);
            if (head == null) {
                return new AuditVerification(false, 0, 0, null, new AuditBreak(Kind.HEAD, 0, "the head row", "none",
                        "the audit log head row is missing from audit_head (deleted in the database)"), now);
            }
            long prevSeq = 0;
            String prevHash = ChainHash.GENESIS;
            long walked = 0;
            while (prevSeq < head.lastSeq()) {
                int read = 0;
                try (PreparedStatement s = c.prepareStatement(AuditLog.SELECT + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
                    s.setLong(1, prevSeq);
                    s.setLong(2, head.lastSeq());
                    s.setInt(3, page);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            AuditEntry e = AuditLog.row(rs);
                            read++;
                            walked++;
                            AuditBreak b = check(e, prevSeq, prevHash);
                            if (b != null) {
                                return new AuditVerification(false, walked, head.lastSeq(), head.lastHash(), b, now);
                            }
                            prevSeq = e.seq();
                            prevHash = e.hash();
                        }
                    }
                }
                if (read == 0) {
                    break; // the head names entries that are not there
                }
            }
            AuditBreak tail = tail(c, head, prevSeq, prevHash);
            return new AuditVerification(tail == null, walked, head.lastSeq(), head.lastHash(), tail, now);
        } catch (SQLException e) {
            throw new StoreException("cannot verify the audit log", e);
        }
    }

    private static AuditBreak check(AuditEntry e, long prevSeq, String prevHash) {
        if (e.seq() != prevSeq + 1) {
            return new AuditBreak(Kind.MISSING, prevSeq + 1, String.valueOf(prevSeq + 1), String.valueOf(e.seq()),
                    "entries " + (prevSeq + 1) + (e.seq() - 1 > prevSeq + 1 ? " to " + (e.seq() - 1) : "")
                            + " are missing before entry " + e.seq() + " (deleted in the database)");
        }
        if (!e.prevHash().equals(prevHash)) {
            return new AuditBreak(Kind.LINK, e.seq(), prevHash, e.prevHash(), "entry " + e.seq()
                    + ": prev_hash is not the hash of entry " + prevSeq + " before it (entries were replaced or rewired)");
        }
        String recomputed = e.recomputedHash();
        if (!recomputed.equals(e.hash())) {
            return new AuditBreak(Kind.CONTENT, e.seq(), recomputed, e.hash(), "entry " + e.seq() + " (" + e.action()
                    + " " + e.subjectType() + " " + e.subjectId() + "): its content does not give its stored hash "
                    + "(edited in the database)");
        }
        return null;
    }

    /** The head must name the newest entry walked, and nothing may be stored past it. */
    private static AuditBreak tail(Connection c, AuditLog.Head head, long lastSeq, String lastHash) throws SQLException {
        if (lastSeq < head.lastSeq()) {
            return new AuditBreak(Kind.HEAD, lastSeq + 1, head.lastHash(), lastHash, "the head names entry "
                    + head.lastSeq() + " but the newest entry is " + lastSeq + ": the newest entries were deleted");
        }
        if (!lastHash.equals(head.lastHash())) {
            return new AuditBreak(Kind.HEAD, lastSeq, head.lastHash(), lastHash, "the head's hash for entry " + lastSeq
                    + " does not match the entry: it was rewritten");
        }
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(seq) FROM audit_log WHERE seq > ?")) {
            s.setLong(1, head.lastSeq());
            try (ResultSet rs = s.executeQuery()) {
                long beyond = rs.next() ? rs.getLong(1) : 0;
                if (beyond > 0 && !rs.wasNull()) {
                    AuditLog.Head now = head(c); // an append may have committed meanwhile: then the entry is its own
                    if (now != null && now.lastSeq() == head.lastSeq()) {
                        return new AuditBreak(Kind.HEAD, beyond, String.valueOf(head.lastSeq()), String.valueOf(beyond),
                                "entry " + beyond + " is stored past the head (entry " + head.lastSeq()
                                        + "): it was not appended through Driftwatch");
                    }
                }
            }
        }
        return null;
    }

    private static AuditLog.Head head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? new AuditLog.Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }
}
