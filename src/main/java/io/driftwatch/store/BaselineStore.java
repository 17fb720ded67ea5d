package io.driftwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Baseline checkpoints, one row per agent, written in one transaction per checkpoint. */
@ApplicationScoped
public class BaselineStore {

    private final DataSource db;

    public BaselineStore(DataSource db) {
        this.db = db;
    }

    public void save(Map<String, byte[]> checkpoints, long now) {
        if (checkpoints.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                         "UPDATE baseline_checkpoint SET data = ?, updated_at = ? WHERE agent_id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO baseline_checkpoint (agent_id, data, updated_at) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, byte[]> e : checkpoints.entrySet()) {
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
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot checkpoint " + checkpoints.size() + " baselines", e);
        }
    }

    public int loadAll(BiConsumer<String, byte[]> each) {
        int n = 0;
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_id, data FROM baseline_checkpoint");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                each.accept(rs.getString(1), rs.getBytes(2));
                n++;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load baseline checkpoints", e);
        }
        return n;
    }
}
