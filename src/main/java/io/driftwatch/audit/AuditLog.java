package io.driftwatch.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.change.ChainHash;
import io.driftwatch.store.StoreException;

/**
 * The hash-chained audit log. An append locks the one head row ({@code SELECT ... FOR UPDATE}) in the transaction
 * of the change it records, so appends from any thread or instance are serialized and the chain never forks; the
 * entry commits or rolls back with its change. Callers append last in their transaction (after their own row
 * locks), so the head is always the last lock taken and two writers cannot deadlock on it.
 */
@ApplicationScoped
public class AuditLog {

    static final String SELECT = "SELECT seq, at, actor, action, subject_type, subject_id, details, prev_hash, entry_hash "
            + "FROM audit_log";
    static final int MAX_LIMIT = 1000;

    private final DataSource db;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(DataSource db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** The newest entry: its seq and hash (seq 0 and {@link ChainHash#GENESIS} before the first). */
    record Head(long lastSeq, String lastHash) {
    }

    /** Appends the changes in the caller's transaction (auto-commit off); returns them as stored. */
    public List<AuditEntry> append(Connection c, List<AuditChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        Head head = lockHead(c);
        long seq = head.lastSeq();
        String prev = head.lastHash();
        long at = clock.instant().toEpochMilli();
        List<AuditEntry> out = new ArrayList<>(changes.size());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, subject_type, "
                + "subject_id, details, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditChange ch : changes) {
                seq++;
                String actor = clip(ch.actor() == null || ch.actor().isBlank() ? "unknown" : ch.actor(), 256);
                String subjectId = clip(ch.subjectId() == null ? "" : ch.subjectId(), 1100);
                String details = details(ch.details());
                String hash = AuditEntry.hashOf(prev, seq, at, actor, ch.action(), ch.subjectType(), subjectId, details);
                s.setLong(1, seq);
                s.setLong(2, at);
                s.setString(3, actor);
                s.setString(4, ch.action());
                s.setString(5, ch.subjectType());
                s.setString(6, subjectId);
                s.setString(7, details);
                s.setString(8, prev);
                s.setString(9, hash);
                s.addBatch();
                out.add(new AuditEntry(seq, Instant.ofEpochMilli(at), actor, ch.action(), ch.subjectType(), subjectId,
                        details, prev, hash));
                prev = hash;
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            s.setLong(1, seq);
            s.setString(2, prev);
            s.executeUpdate();
        }
        return out;
    }

    /** Appends one change in a transaction of its own: for changes whose store has no transaction to share. */
    public AuditEntry append(AuditChange change) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                AuditEntry e = append(c, List.of(change)).get(0);
                c.commit();
                return e;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot append " + change.action() + " to the audit log", e);
        }
    }

    static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                // refusing is the only safe answer: a new head would let anyone restart the chain unnoticed
                throw new SQLException("the audit log head row is missing from audit_head (deleted in the database)");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    /** The seq of the newest entry (0 before the first). */
    public long lastSeq() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_seq FROM audit_head WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log head", e);
        }
    }

    /** Entries matching the query, in chain order. */
    public List<AuditEntry> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.action() != null && !q.action().isBlank()) {
            if (q.action().endsWith(".")) {
                sql.append(" AND action LIKE ?");
                args.add(q.action().replace("%", "").replace("_", "\\_") + "%");
            } else {
                sql.append(" AND action = ?");
                args.add(q.action());
            }
        }
        if (q.actor() != null && !q.actor().isBlank()) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.subjectType() != null && !q.subjectType().isBlank()) {
            sql.append(" AND subject_type = ?");
            args.add(q.subjectType());
        }
        if (q.subjectId() != null && !q.subjectId().isBlank()) {
            sql.append(" AND subject_id = ?");
            args.add(q.subjectId());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(Math.max(1, Math.min(q.limit(), MAX_LIMIT)));
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log", e);
        }
    }

    /** Walks the whole log in pages of {@code page} entries: memory stays constant however long the log is. */
    public AuditVerification verify(int page) {
        return new AuditWalk(db, page).walk(clock.instant());
    }

    public AuditVerification verify() {
        return verify(MAX_LIMIT);
    }

    static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private String details(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serializable", e);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
