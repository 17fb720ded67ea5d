package io.driftwatch.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.store.StoreException;

/**
 * The alert figures of the evidence report, counted in the database (GROUP BY) so a period with many alerts costs
 * no more memory than one with few. An alert belongs to the period its first event falls in.
 */
@ApplicationScoped
public class AlertFigures {

    static final int LISTED = 500;
    private static final long DAY = 86_400_000L;

    private final DataSource db;
    private final ObjectMapper json;

    public AlertFigures(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Alerts of one rule, severity and status. */
    public record Count(String rule, String severity, String status, long alerts, long occurrences) {
    }

    /** Alerts of one severity first seen on one day. */
    public record DayCount(LocalDate day, String severity, long alerts) {
    }

    /** One alert as the report lists it: how it was found and how it ended. */
    public record Listed(String id, String rule, String severity, String agentId, String status, long count,
                         Instant firstEventTime, Instant detectedAt, String resolvedBy, Instant resolvedAt,
                         String reason) {
    }

    public List<Count> counts(Instant from, Instant to) {
        return query("SELECT rule_name, severity, status, COUNT(*), SUM(occurrences) FROM alert WHERE first_event_time >= ? "
                + "AND first_event_time < ? GROUP BY rule_name, severity, status ORDER BY rule_name, severity, status",
                from, to, rs -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
    }

    public List<DayCount> perDay(Instant from, Instant to) {
        // integer division by a day is portable; epoch millis are never negative here
        return query("SELECT first_event_time / " + DAY + " AS d, severity, COUNT(*) FROM alert WHERE first_event_time >= ? "
                + "AND first_event_time < ? GROUP BY first_event_time / " + DAY + ", severity ORDER BY d",
                from, to, rs -> new DayCount(LocalDate.ofEpochDay(rs.getLong(1)), rs.getString(2), rs.getLong(3)));
    }

    /** The most severe alerts of the period first, at most {@value #LISTED}. */
    public List<Listed> listed(Instant from, Instant to) {
        return query("SELECT id, rule_name, severity, agent_id, status, occurrences, first_event_time, detected_at, body "
                + "FROM alert WHERE first_event_time >= ? AND first_event_time < ? ORDER BY CASE severity WHEN 'critical' "
                + "THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, first_event_time, id LIMIT "
                + LISTED, from, to, rs -> {
                    JsonNode r = resolution(rs.getString(9));
                    return new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                            text(r, "by"), instant(r.get("at")), text(r, "reason"));
                });
    }

    private JsonNode resolution(String body) {
        try {
            return json.readTree(body).path("resolution");
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static Instant instant(JsonNode at) {
        try {
            return at == null || at.isNull() ? null : at.isNumber() ? Instant.ofEpochMilli((long) (at.asDouble() * 1000))
                    : Instant.parse(at.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Instant from, Instant to, Row<T> row) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot count the alerts of the evidence period", e);
        }
    }
}
