package io.driftwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.ObservedChange;
import io.driftwatch.engine.AgentState;
import io.driftwatch.engine.AgentStates;

/**
 * Checkpoints: everything the engine learned up to one journal position (the cut), written in one transaction
 * with the cut; the journal up to the cut is dropped afterwards ({@link EventJournal#truncate}). A crash at any point leaves either the old
 * checkpoint with its journal or the new one: never baselines ahead of the running configuration, or either
 * ahead of the cut.
 */
@ApplicationScoped
public class CheckpointStore implements AgentStates {

    private final DataSource db;
    private final ConfigStateStore configState;

    public CheckpointStore(DataSource db, ConfigStateStore configState) {
        this.db = db;
        this.configState = configState;
    }

    /**
     * What changed since the last checkpoint, as of journal position {@code cut}.
     *
     * @param baselines encoded baselines of the agents that learned something, by agent id
     * @param shards    encoded session state of each shard that processed something, by shard index
     */
    public record Checkpoint(long cut, Map<String, byte[]> baselines, List<ObservedChange> observed,
                             Map<Integer, byte[]> shards, int shardCount, Map<String, Long> logPositions,
                             Map<String, byte[]> agentSessions) {

        public Checkpoint(long cut, Map<String, byte[]> baselines, List<ObservedChange> observed,
                          Map<Integer, byte[]> shards, int shardCount) {
            this(cut, baselines, observed, shards, shardCount, Map.of(), Map.of());
        }

        public boolean isEmpty() {
            return baselines.isEmpty() && observed.isEmpty() && shards.isEmpty() && agentSessions.isEmpty();
        }
    }

    public void save(Checkpoint checkpoint, long now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                saveBaselines(c, checkpoint.baselines(), now);
                configState.saveObserved(c, checkpoint.observed());
                saveShards(c, checkpoint.shards(), checkpoint.shardCount(), now);
                saveAgentSessions(c, checkpoint.agentSessions(), now);
                saveCut(c, checkpoint.cut(), now);
                saveLogPositions(c, checkpoint.logPositions(), now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the checkpoint at journal position " + checkpoint.cut() + " ("
                    + checkpoint.baselines().size() + " baselines)", e);
        }
    }

    private static void saveBaselines(Connection c, Map<String, byte[]> baselines, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                     "UPDATE baseline_checkpoint SET data = ?, updated_at = ? WHERE agent_id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO baseline_checkpoint (agent_id, data, updated_at) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : baselines.entrySet()) {
                update.setBytes(1, e.getValue());
                update.setLong(2, now);
                update.setString(3, e.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, e.getKey());
                    insert.setBytes(2, e.getValue());
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void saveShards(Connection c, Map<Integer, byte[]> shards, int shardCount, long now)
            throws SQLException {
        try (PreparedStatement gone = c.prepareStatement("DELETE FROM shard_checkpoint WHERE shard >= ?")) {
            gone.setInt(1, shardCount); // left by a run with more shards; their facts were routed to the shards now
            gone.executeUpdate();
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM shard_checkpoint WHERE shard = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO shard_checkpoint (shard, data, taken_at) VALUES (?, ?, ?)")) {
            for (Map.Entry<Integer, byte[]> e : shards.entrySet()) {
                d.setInt(1, e.getKey());
                d.executeUpdate();
                insert.setInt(1, e.getKey());
                insert.setBytes(2, e.getValue());
                insert.setLong(3, now);
                insert.executeUpdate();
            }
        }
    }

    private static void saveAgentSessions(Connection c, Map<String, byte[]> sessions, long now) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM agent_session WHERE agent_id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO agent_session (agent_id, data, taken_at) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : sessions.entrySet()) {
                d.setString(1, e.getKey());
                d.executeUpdate();
                if (e.getValue().length > 0) {
                    insert.setString(1, e.getKey());
                    insert.setBytes(2, e.getValue());
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** At most this many agents per {@code IN (...)} query. */
    private static final int AGENTS_PER_QUERY = 500;

    /** Scale-out: the checkpointed baselines, running configuration and session facts of these agents. */
    @Override
    public Map<String, AgentState> load(Collection<String> agentIds) {
        Map<String, byte[]> baselines = new HashMap<>();
        Map<String, byte[]> sessions = new HashMap<>();
        Map<String, List<ConfigObject>> observed = new HashMap<>();
        List<String> all = List.copyOf(agentIds);
        for (int from = 0; from < all.size(); from += AGENTS_PER_QUERY) {
            List<String> some = all.subList(from, Math.min(all.size(), from + AGENTS_PER_QUERY));
            String in = " WHERE agent_id IN (" + SqlParams.inList(some.size()) + ")";
            load("SELECT agent_id, data FROM baseline_checkpoint" + in, some, "the baselines of " + some.size() + " agents",
                    rs -> baselines.put(rs.getString(1), rs.getBytes(2)));
            load("SELECT agent_id, data FROM agent_session" + in, some, "the sessions of " + some.size() + " agents",
                    rs -> sessions.put(rs.getString(1), rs.getBytes(2)));
            configState.loadObserved(some, o -> observed.computeIfAbsent(o.agentId(), a -> new ArrayList<>()).add(o));
        }
        Map<String, AgentState> out = new HashMap<>();
        for (String agent : agentIds) {
            byte[] baseline = baselines.get(agent);
            byte[] session = sessions.get(agent);
            List<ConfigObject> objects = observed.getOrDefault(agent, List.of());
            if (baseline != null || session != null || !objects.isEmpty()) {
                out.put(agent, new AgentState(agent, baseline, objects, session));
            }
        }
        return out;
    }

    private static void saveCut(Connection c, long cut, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE checkpoint_cut SET seq = ?, taken_at = ? WHERE id = 1")) {
            update.setLong(1, cut);
            update.setLong(2, now);
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("checkpoint before the journal was opened");
            }
        }
    }

    private static void saveLogPositions(Connection c, Map<String, Long> positions, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                     "UPDATE log_position SET next_position = ?, updated_at = ? WHERE source = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO log_position (source, next_position, updated_at) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> e : positions.entrySet()) {
                update.setLong(1, e.getValue());
                update.setLong(2, now);
                update.setString(3, e.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, e.getKey());
                    insert.setLong(2, e.getValue());
                    insert.setLong(3, now);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** Where reading each log (a Kafka partition) resumes: the checkpoint covers everything before it. */
    public Map<String, Long> logPositions() {
        Map<String, Long> out = new java.util.HashMap<>();
        load("SELECT source, next_position FROM log_position", "log positions",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** The journal position the stored checkpoint reflects (0 before the first), and the journal's identity. */
    public record Cut(long seq, String journalId) {
    }

    /** Reads the cut; the first start of a database creates it, with a new journal identity. */
    public Cut openCut() {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, journal_id FROM checkpoint_cut WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Cut(rs.getLong(1), rs.getString(2));
                }
            }
            String id = java.util.UUID.randomUUID().toString();
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO checkpoint_cut (id, seq, taken_at, journal_id) VALUES (1, 0, 0, ?)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
            return new Cut(0, id);
        } catch (SQLException e) {
            throw new StoreException("cannot read the checkpoint cut", e);
        }
    }

    public int loadBaselines(BiConsumer<String, byte[]> each) {
        return load("SELECT agent_id, data FROM baseline_checkpoint", "baseline checkpoints",
                rs -> each.accept(rs.getString(1), rs.getBytes(2)));
    }

    public int loadShards(BiConsumer<Integer, byte[]> each) {
        return load("SELECT shard, data FROM shard_checkpoint ORDER BY shard", "shard checkpoints",
                rs -> each.accept(rs.getInt(1), rs.getBytes(2)));
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private int load(String sql, String what, Row row) {
        return load(sql, List.of(), what, row);
    }

    private int load(String sql, List<String> params, String what, Row row) {
        int n = 0;
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            SqlParams.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load " + what, e);
        }
        return n;
    }
}
