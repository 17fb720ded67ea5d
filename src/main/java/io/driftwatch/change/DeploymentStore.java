package io.driftwatch.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.store.StoreException;

/**
 * The deployment record chain in the database. Appends, purges and snapshots lock the head row
 * ({@code SELECT ... FOR UPDATE}) and, within this process, this object: two appends can never link to the same
 * predecessor, and a walk never sees a head and rows from different moments.
 */
@ApplicationScoped
public class DeploymentStore {

    private static final String ROW = "SELECT seq, id, body, signature, received_at, prev_hash, record_hash FROM deployment_record";
    private static final String HEAD = "SELECT last_seq, last_hash, anchor_seq, anchor_hash FROM deployment_chain_head WHERE id = 1";

    private final DataSource db;
    /** Null when built outside CDI (tests of the store alone). */
    @jakarta.inject.Inject
    io.driftwatch.audit.AuditLog audit;

    public DeploymentStore(DataSource db) {
        this.db = db;
    }

    /** The record's id is taken. */
    public static class DuplicateIdException extends RuntimeException {
        DuplicateIdException(String id) {
            super("a deployment record with id " + id + " already exists");
        }
    }

    /** The head row is gone: nothing can be linked safely until an admin acknowledges that. */
    public static class HeadMissingException extends RuntimeException {
        HeadMissingException() {
            super("the deployment record chain head is missing from the database");
        }
    }

    /** The head and every row, read together. */
    public record Snapshot(ChainHead head, List<ChainRow> rows) {
    }

    /** Appends a record after the head, in one transaction with the head's update. */
    public synchronized ChainRow append(String id, String body, String signature, Instant receivedAt) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChainHead head = lockHead(c).orElseThrow(HeadMissingException::new);
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM deployment_record WHERE id = ?")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            throw new DuplicateIdException(id);
                        }
                    }
                }
                String hash = ChainHash.of(head.lastHash(), body, signature);
                long seq;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO deployment_record (id, body, signature, "
                        + "received_at, prev_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    s.setString(1, id);
                    s.setString(2, body);
                    s.setString(3, signature);
                    s.setLong(4, receivedAt.toEpochMilli());
                    s.setString(5, head.lastHash());
                    s.setString(6, hash);
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        seq = keys.getLong("seq");
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE deployment_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                    s.setLong(1, seq);
                    s.setString(2, hash);
                    s.executeUpdate();
                }
                if (audit != null) {
                    audit.append(c, List.of(io.driftwatch.audit.AuditTrails.deployment(seq, id, hash, body)));
                }
                c.commit();
                return new ChainRow(seq, id, body, signature, Instant.ofEpochMilli(receivedAt.toEpochMilli()),
                        head.lastHash(), hash);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && "23505".equals(s.getSQLState())) {
                    throw new DuplicateIdException(id); // a concurrent writer in another process took the id
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store deployment record " + id, e);
        }
    }

    /** The last appended seq, -1 when the head row is missing: changes whenever a record is appended anywhere. */
    public long headSeq() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_seq FROM deployment_chain_head WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new StoreException("cannot read the deployment record chain head", e);
        }
    }

    /** The head (null when its row is missing) and every record by seq, read under the head's lock. */
    public synchronized Snapshot snapshot() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChainHead head = lockHead(c).orElse(null);
                List<ChainRow> rows = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(ROW + " ORDER BY seq"); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                c.commit();
                return new Snapshot(head, rows);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the deployment record chain", e);
        }
    }

    public Optional<ChainRow> get(String id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(ROW + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read deployment record " + id, e);
        }
    }

    /** A page of records, newest first. */
    public List<ChainRow> page(int limit, int offset) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(ROW + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            List<ChainRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list deployment records", e);
        }
    }

    public List<Acknowledgment> acknowledgments() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT break_kind, break_seq, stored_hash, expected_hash, "
                     + "break_reason, author, reason, acknowledged_at FROM deployment_chain_ack ORDER BY ack_seq");
             ResultSet rs = s.executeQuery()) {
            List<Acknowledgment> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Acknowledgment(ChainBreak.Kind.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the deployment chain acknowledgments", e);
        }
    }

    /**
     * Stores the acknowledgments; when {@code restoredHead} is set (the head row was deleted and that is being
     * acknowledged), writes it as the new head in the same transaction.
     */
    public synchronized void acknowledge(List<Acknowledgment> acks, ChainHead restoredHead) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Acknowledgment a : acks) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO deployment_chain_ack (break_kind, "
                            + "break_seq, stored_hash, expected_hash, break_reason, author, reason, acknowledged_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        s.setString(1, a.kind().name());
                        s.setLong(2, a.seq());
                        s.setString(3, a.storedHash());
                        s.setString(4, a.expectedHash());
                        s.setString(5, truncate(a.breakReason()));
                        s.setString(6, a.author());
                        s.setString(7, a.reason());
                        s.setLong(8, a.at().toEpochMilli());
                        s.executeUpdate();
                    }
                }
                if (restoredHead != null && lockHead(c).isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO deployment_chain_head (id, last_seq, "
                            + "last_hash, anchor_seq, anchor_hash) VALUES (1, ?, ?, ?, ?)")) {
                        s.setLong(1, restoredHead.lastSeq());
                        s.setString(2, restoredHead.lastHash());
                        s.setLong(3, restoredHead.anchorSeq());
                        s.setString(4, restoredHead.anchorHash());
                        s.executeUpdate();
                    }
                }
                if (audit != null) {
                    audit.append(c, acks.stream().map(io.driftwatch.audit.AuditTrails::chainAcknowledged).toList());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the acknowledgment of " + acks.size() + " chain breaks", e);
        }
    }

    /**
     * Deletes every record up to and including {@code seq} and makes its hash the anchor the next record links to.
     * Does nothing (returns 0) when the record at {@code seq} is no longer the one verified ({@code hash}).
     */
    public synchronized int purgeThrough(long seq, String hash) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (lockHead(c).isEmpty()) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement s = c.prepareStatement("SELECT record_hash FROM deployment_record WHERE seq = ?")) {
                    s.setLong(1, seq);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next() || !hash.equals(rs.getString(1))) {
                            c.rollback();
                            return 0;
                        }
                    }
                }
                int deleted;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM deployment_record WHERE seq <= ?")) {
                    s.setLong(1, seq);
                    deleted = s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE deployment_chain_head SET anchor_seq = ?, anchor_hash = ? WHERE id = 1")) {
                    s.setLong(1, seq);
                    s.setString(2, hash);
                    s.executeUpdate();
                }
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot purge deployment records through seq " + seq, e);
        }
    }

    private static Optional<ChainHead> lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HEAD + " FOR UPDATE"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new ChainHead(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                    : Optional.empty();
        }
    }

    private static ChainRow row(ResultSet rs) throws SQLException {
        return new ChainRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7));
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }
}
