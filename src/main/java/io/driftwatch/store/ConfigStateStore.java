package io.driftwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.drift.ApprovedConfig.Approval;
import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.drift.ObservedChange;

/**
 * Approved configuration (current row plus an append-only history) and the running state of configuration
 * objects as last observed, as JSON text.
 */
@ApplicationScoped
public class ConfigStateStore implements ApprovalStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final DataSource db;
    private final ObjectMapper json;
    /** Null when built outside CDI (tests of the store alone). */
    @jakarta.inject.Inject
    io.driftwatch.audit.AuditLog audit;

    public ConfigStateStore(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One entry of an object's approval history. */
    public record ApprovalChange(long seq, Map<String, Object> state, String approvedBy, String reason, Instant at) {
    }

    /** Stores the approval as current and appends it to the history, in one transaction. */
    public void approve(Approval a) {
        ConfigObject o = a.object();
        inTransaction("cannot store the approval of " + o.kind() + " " + o.id(), c -> {
            deleteRow(c, "approved_config", o);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO approved_config (agent_id, object_kind, "
                    + "object_id, namespace, name, state, source_hash, approved_by, reason, approved_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindObject(s, o);
                s.setString(7, a.sourceHash());
                s.setString(8, a.approvedBy());
                s.setString(9, a.reason());
                s.setLong(10, a.at().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO approved_change (agent_id, object_kind, "
                    + "object_id, state, approved_by, reason, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, o.agentId());
                s.setString(2, o.kind());
                s.setString(3, o.id());
                s.setString(4, text(o.state()));
                s.setString(5, a.approvedBy());
                s.setString(6, a.reason());
                s.setLong(7, a.at().toEpochMilli());
                s.executeUpdate();
            }
            if (audit != null) {
                audit.append(c, List.of(io.driftwatch.audit.AuditTrails.approval(a)));
            }
        });
    }

    public List<Approval> approvals() {
        List<Approval> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_id, object_kind, object_id, namespace, name, state, "
                     + "source_hash, approved_by, reason, approved_at FROM approved_config");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ConfigObject o = new ConfigObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), map(rs.getString(6)));
                out.add(new Approval(o, rs.getString(8), rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)),
                        rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load the approved configuration", e);
        }
        return out;
    }

    public List<ApprovalChange> history(String agentId, String kind, String id) {
        List<ApprovalChange> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq, state, approved_by, reason, approved_at FROM "
                     + "approved_change WHERE agent_id = ? AND object_kind = ? AND object_id = ? ORDER BY seq DESC")) {
            s.setString(1, agentId);
            s.setString(2, kind);
            s.setString(3, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApprovalChange(rs.getLong(1), map(rs.getString(2)), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the approval history of " + kind + " " + id, e);
        }
        return out;
    }

    /** Writes running states a checkpoint took, inside the checkpoint's transaction. */
    void saveObserved(Connection c, List<ObservedChange> changes) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                     "DELETE FROM observed_config WHERE agent_id = ? AND object_kind = ? AND object_id = ?");
             PreparedStatement s = c.prepareStatement("INSERT INTO observed_config (agent_id, object_kind, "
                     + "object_id, namespace, name, state, changed_by, event_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ObservedChange change : changes) {
                d.setString(1, change.agentId());
                d.setString(2, change.objectKey().kind());
                d.setString(3, change.objectKey().id());
                d.executeUpdate();
                if (change.forgotten()) {
                    continue;
                }
                ConfigObject o = change.object();
                bindObject(s, o);
                s.setString(7, change.actor());
                s.setString(8, change.eventId());
                s.setLong(9, change.time());
                s.executeUpdate();
            }
        }
    }

    /** The object's columns, first in both tables: agent, kind, id, namespace, name, state. */
    private void bindObject(PreparedStatement s, ConfigObject o) throws SQLException {
        s.setString(1, o.agentId());
        s.setString(2, o.kind());
        s.setString(3, o.id());
        s.setString(4, o.namespace());
        s.setString(5, o.name());
        s.setString(6, text(o.state()));
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String failure, Work work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    /** Current rows are replaced, not updated: one statement pair that reads the same on H2 and PostgreSQL. */
    private static void deleteRow(Connection c, String table, ConfigObject o) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM " + table + " WHERE agent_id = ? AND object_kind = ? AND object_id = ?")) {
            d.setString(1, o.agentId());
            d.setString(2, o.kind());
            d.setString(3, o.id());
            d.executeUpdate();
        }
    }

    private static final String OBSERVED = "SELECT agent_id, object_kind, object_id, namespace, name, state "
            + "FROM observed_config";

    /** The stored running state of these agents' configuration objects (scale-out: an agent arriving here). */
    public void loadObserved(java.util.List<String> agents, Consumer<ConfigObject> each) {
        readObserved(OBSERVED + " WHERE agent_id IN (" + SqlParams.inList(agents.size()) + ")", agents, each,
                "the observed configuration of " + agents.size() + " agents");
    }

    public int loadObserved(Consumer<ConfigObject> each) {
        return readObserved(OBSERVED, java.util.List.of(), each, "the observed configuration");
    }

    private int readObserved(String sql, java.util.List<String> params, Consumer<ConfigObject> each, String what) {
        int n = 0;
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            SqlParams.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(new ConfigObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), map(rs.getString(6))));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load " + what, e);
        }
        return n;
    }

    private String text(Map<String, Object> state) {
        try {
            return state == null ? null : json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration object is not JSON-serializable", e);
        }
    }

    private Map<String, Object> map(String text) {
        try {
            return text == null ? null : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored configuration object is not JSON", e);
        }
    }
}
