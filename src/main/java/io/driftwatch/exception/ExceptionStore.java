package io.driftwatch.exception;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.store.StoreException;

/** Exceptions in the database. Rows are never deleted: an ended exception keeps its row, status and who ended it. */
@ApplicationScoped
public class ExceptionStore {

    private static final String COLUMNS = "id, scope_kind, scope_value, behaviour_key, rule_name, owner_name, reason, "
            + "ticket, expires_at, revoke_on_redeploy, status, source_alert_id, created_by, created_at, updated_by, "
            + "updated_at, ended_by, ended_at, ended_reason";

    private final DataSource db;

    public ExceptionStore(DataSource db) {
        this.db = db;
    }

    public void insert(BehaviourException x) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO behaviour_exception (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, x);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store exception " + x.id(), e);
        }
    }

    /** Replaces an active exception's terms; false when it is no longer active. */
    public boolean update(BehaviourException x) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE behaviour_exception SET "
                + "scope_kind = ?, scope_value = ?, behaviour_key = ?, rule_name = ?, owner_name = ?, reason = ?, ticket = ?, "
                + "expires_at = ?, revoke_on_redeploy = ?, updated_by = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            terms(s, x, 1);
            s.setString(10, x.updatedBy());
            s.setLong(11, x.updatedAt().toEpochMilli());
            s.setString(12, x.id());
            s.setString(13, BehaviourException.ACTIVE);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot update exception " + x.id(), e);
        }
    }

    /** Ends an active exception (expired, revoked, deleted); false when it had already ended. */
    public boolean end(BehaviourException ended) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE behaviour_exception SET "
                + "status = ?, ended_by = ?, ended_at = ?, ended_reason = ? WHERE id = ? AND status = ?")) {
            s.setString(1, ended.status());
            s.setString(2, ended.endedBy());
            s.setLong(3, ended.endedAt().toEpochMilli());
            s.setString(4, ended.endedReason());
            s.setString(5, ended.id());
            s.setString(6, BehaviourException.ACTIVE);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot end exception " + ended.id(), e);
        }
    }

    public Optional<BehaviourException> get(String id) {
        List<BehaviourException> found = query(" WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** By status (null: all), newest first. */
    public List<BehaviourException> list(String status) {
        return status == null ? query(" ORDER BY created_at DESC, id") : query(" WHERE status = ? ORDER BY created_at DESC, id", status);
    }

    public List<BehaviourException> active() {
        return query(" WHERE status = ? ORDER BY created_at, id", BehaviourException.ACTIVE);
    }

    /** Active ones whose expiry is at or before {@code now}. */
    public List<BehaviourException> due(Instant now) {
        return query(" WHERE status = ? AND expires_at <= ? ORDER BY expires_at, id", BehaviourException.ACTIVE,
                now.toEpochMilli());
    }

    private List<BehaviourException> query(String where, Object... args) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM behaviour_exception" + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<BehaviourException> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read exceptions", e);
        }
    }

    private static void bind(PreparedStatement s, BehaviourException x) throws SQLException {
        s.setString(1, x.id());
        terms(s, x, 2);
        s.setString(11, x.status());
        s.setString(12, x.sourceAlertId());
        s.setString(13, x.createdBy());
        s.setLong(14, x.createdAt().toEpochMilli());
        s.setString(15, x.updatedBy());
        s.setLong(16, x.updatedAt().toEpochMilli());
        s.setString(17, x.endedBy());
        s.setObject(18, x.endedAt() == null ? null : x.endedAt().toEpochMilli(), java.sql.Types.BIGINT);
        s.setString(19, x.endedReason());
    }

    /** The terms an edit may change, from parameter {@code first} on, in column order (scope_kind .. revoke_on_redeploy). */
    private static void terms(PreparedStatement s, BehaviourException x, int first) throws SQLException {
        s.setString(first, x.scope());
        s.setString(first + 1, x.scopeValue());
        s.setString(first + 2, x.behaviourKey());
        s.setString(first + 3, x.rule());
        s.setString(first + 4, x.owner());
        s.setString(first + 5, x.reason());
        s.setString(first + 6, x.ticket());
        s.setLong(first + 7, x.expiresAt().toEpochMilli());
        s.setBoolean(first + 8, x.revokeOnRedeploy());
    }

    private static BehaviourException read(ResultSet rs) throws SQLException {
        long ended = rs.getLong(18);
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        return new BehaviourException(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)), rs.getBoolean(10),
                rs.getString(11), rs.getString(12), rs.getString(13), Instant.ofEpochMilli(rs.getLong(14)),
                rs.getString(15), Instant.ofEpochMilli(rs.getLong(16)), rs.getString(17), endedAt, rs.getString(19));
    }
}
