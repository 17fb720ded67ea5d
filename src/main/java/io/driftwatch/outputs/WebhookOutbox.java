package io.driftwatch.outputs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.alert.Alert;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.store.StoreException;

/**
 * Webhook deliveries waiting, in the database: one row per alert change and URL, added in the alert's own
 * transaction. A sender claims a due row by moving its next attempt past the answer timeout (a conditional
 * update, so two instances never send the same attempt), then marks it delivered or schedules the retry.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final DataSource db;
    private final ObjectMapper json;
    private final List<String> urls;
    private final String version;

    public WebhookOutbox(DataSource db, ObjectMapper json, DriftwatchConfig config,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.db = db;
        this.json = json;
        this.urls = config.webhooks().urls().orElse(List.of()).stream().filter(u -> !u.isBlank()).toList();
        this.version = version;
    }

    /** One delivery of one alert change to one URL. */
    public record Delivery(String id, String url, String alertId, String body, int attempts, long nextAttemptAt) {
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }

    public List<String> urls() {
        return urls;
    }

    /** Queues the OCSF finding of each alert for every URL, in the caller's transaction. */
    public void enqueue(Connection c, List<Alert> alerts, Instant now) throws SQLException {
        if (urls.isEmpty() || alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_delivery (id, url, alert_id, body, created_at, "
                + "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
            for (Alert a : alerts) {
                String body = json.writeValueAsString(Ocsf.finding(a, version));
                for (String url : urls) {
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, url);
                    s.setString(3, a.id());
                    s.setString(4, body);
                    s.setLong(5, now.toEpochMilli());
                    s.setLong(6, now.toEpochMilli());
                    s.addBatch();
                }
            }
            s.executeBatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deliveries due at {@code now}, oldest first. */
    public List<Delivery> due(Instant now, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT id, url, alert_id, body, "
                + "attempts, next_attempt_at FROM webhook_delivery WHERE delivered_at IS NULL AND failed_at IS NULL "
                + "AND next_attempt_at <= ? ORDER BY created_at, id")) {
            s.setLong(1, now.toEpochMilli());
            s.setMaxRows(limit);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getLong(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the webhook outbox", e);
        }
    }

    /** Takes the attempt for this instance: false when another sender took it first. */
    public boolean claim(Delivery d, Instant until) {
        return update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? "
                + "AND delivered_at IS NULL AND failed_at IS NULL", until.toEpochMilli(), d.id(), d.nextAttemptAt()) == 1;
    }

    public void delivered(Delivery d, Instant at) {
        update("UPDATE webhook_delivery SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
                at.toEpochMilli(), d.attempts() + 1, d.id());
    }

    /** A failed attempt: tried again at {@code next}, or given up when {@code next} is null. */
    public void failed(Delivery d, String error, Instant at, Instant next) {
        String e = error.length() <= 2000 ? error : error.substring(0, 1999) + "…";
        if (next == null) {
            update("UPDATE webhook_delivery SET attempts = ?, last_error = ?, failed_at = ? WHERE id = ?",
                    d.attempts() + 1, e, at.toEpochMilli(), d.id());
        } else {
            update("UPDATE webhook_delivery SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    d.attempts() + 1, e, next.toEpochMilli(), d.id());
        }
    }

    /** Drops deliveries delivered before {@code cutoff}; given-up ones stay, for a person to look at. */
    public int purgeDelivered(Instant cutoff) {
        return update("DELETE FROM webhook_delivery WHERE delivered_at IS NOT NULL AND delivered_at < ?", cutoff.toEpochMilli());
    }

    /** Deliveries still waiting (not delivered, not given up): a gauge. */
    public long pending() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM webhook_delivery WHERE delivered_at IS NULL AND failed_at IS NULL");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot count the webhook outbox", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update the webhook outbox", e);
        }
    }
}
