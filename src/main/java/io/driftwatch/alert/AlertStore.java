package io.driftwatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.store.StoreException;

/**
 * Alerts in the database. A detection whose agent, rule and behaviour key match an alert still worked on updates it
 * (count, last seen, newest evidence) within the rule's dedup window; otherwise it opens a new alert whose id is
 * derived from those keys and its first event time, so a replay of the same events produces the same ids. Every
 * change of state goes through {@link #move}, which the state machine ({@link AlertStates}) guards.
 */
@ApplicationScoped
public class AlertStore {

    static final int EVIDENCE_KEPT_FIRST = 20;
    static final int EVIDENCE_KEPT_LAST = 30;

    private final DataSource db;
    private final ObjectMapper json;
    /** Whether every stored alert also goes to the outbox, for publishing (on while Kafka is on). */
    private final boolean outbox;
    private final AlertWindows windows;
    /** The audit log and webhook outbox, written in each transaction; null when built outside CDI (tests). */
    @jakarta.inject.Inject
    AlertChanges changes;

    public AlertStore(DataSource db, ObjectMapper json) {
        this(db, json, false);
    }

    @jakarta.inject.Inject
    public AlertStore(DataSource db, ObjectMapper json, io.driftwatch.config.DriftwatchConfig config) {
        this(db, json, config.kafka().enabled(), new AlertWindows(config.alerts().dedupWindow().orElse(null),
                config.alerts().suppressFor(), config.alerts().dismissedQuiet()));
    }

    public AlertStore(DataSource db, ObjectMapper json, boolean outbox) {
        this(db, json, outbox, AlertWindows.DEFAULTS);
    }

    public AlertStore(DataSource db, ObjectMapper json, boolean outbox, AlertWindows windows) {
        this.db = db;
        this.json = json;
        this.outbox = outbox;
        this.windows = windows;
    }

    /**
     * What storing one detection did to its alert.
     *
     * @param created a new alert was opened (its first transition, from nothing)
     * @param quiet   the occurrence was counted quietly (suppression window or dismissed alert): not published
     */
    public record Recorded(Alert alert, boolean created, boolean quiet) {
    }

    /** An alert as stored, for the outbox: its agent, its JSON and its place in the outbox. */
    public record Outgoing(long seq, String alertId, String agentId, String body) {
    }

    private void toOutbox(Connection c, Alert a, Instant now) throws SQLException {
        if (!outbox) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO alert_outbox (alert_id, agent_id, body, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, a.id());
            s.setString(2, a.agentId());
            s.setString(3, json.writeValueAsString(a)); // the whole alert, as GET /alerts/{id} shows it
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The oldest alerts waiting to be published. */
    public List<Outgoing> outgoing(int limit) {
        List<Outgoing> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq, alert_id, agent_id, body FROM alert_outbox ORDER BY seq")) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the alert outbox", e);
        }
        return out;
    }

    /** Drops what was published: the outbox up to {@code seq}. */
    public void published(long seq) {
        try (Connection c = db.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM alert_outbox WHERE seq <= ?")) {
            d.setLong(1, seq);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot drop published alerts from the outbox", e);
        }
    }

    /** Opens or updates the alert for each detection; returns the alerts as stored. */
    public List<Alert> record(List<Detection> detections, Instant now) {
        return record(detections, now, null);
    }

    /**
     * Stores detections, the i-th from {@code positions.get(i)} (the list or its entries may be null). One whose
     * alert already counts a detection from the same source at that position or later is a replay of one already
     * stored, and is skipped.
     */
    public List<Alert> record(List<Detection> detections, Instant now, List<Position> positions) {
        return recordAll(detections, now, positions).stream().map(Recorded::alert).toList();
    }

    /** As {@link #record(List, Instant, List)}, saying for each stored detection what it did. */
    public List<Recorded> recordAll(List<Detection> detections, Instant now, List<Position> positions) {
        List<Recorded> out = new ArrayList<>(detections.size());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < detections.size(); i++) {
                    Position position = positions == null ? null : positions.get(i);
                    Detection d = detections.get(i);
                    if (position == null || !alreadyCounted(c, d, position)) {
                        Recorded r = record(c, d, now, position);
                        if (!r.quiet()) {
                            toOutbox(c, r.alert(), now);
                        }
                        out.add(r);
                    }
                }
                stored(c, out.stream().filter(Recorded::created).map(Recorded::alert).toList(), false, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + detections.size() + " alerts", e);
        }
        return out;
    }

    private static boolean alreadyCounted(Connection c, Detection d, Position position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM alert WHERE dedup_hash = ? AND source_name = ? AND source_position >= ?")) {
            s.setString(1, dedupHash(d.agentId(), d.rule(), d.behaviourKey()));
            s.setString(2, position.source());
            s.setLong(3, position.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Where a detection counts: on the newest alert of its agent, rule and behaviour key that is worked on in its
     * status (or acknowledged from it) and still within the rule's dedup window; else quietly on one dismissed within
     * the quiet period; else on a new alert.
     */
    private Recorded record(Connection c, Detection d, Instant now, Position position) throws SQLException {
        String dedup = dedupHash(d.agentId(), d.rule(), d.behaviourKey());
        boolean suppressed = Alert.SUPPRESSED.equals(d.status());
        List<Alert> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE dedup_hash = ? AND status IN (?, ?, ?)"
                + " ORDER BY first_event_time DESC, detected_at DESC")) {
            s.setString(1, dedup);
            s.setString(2, d.status()); // a suppressed recurrence counts on the suppressed alert, and so on
            s.setString(3, suppressed ? d.status() : Alert.ACKNOWLEDGED);
            s.setString(4, suppressed ? d.status() : Alert.DISMISSED);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(read(rs));
                }
            }
        }
        Duration dedupWindow = d.dedupWindow() != null ? d.dedupWindow() : windows.dedupWindow();
        Alert open = null;
        boolean quiet = false;
        for (Alert a : candidates) {
            if (Alert.DISMISSED.equals(a.status())) {
                continue;
            }
            boolean inWindow = dedupWindow == null || d.eventTime() == null
                    || d.eventTime().isBefore(a.firstEventTime().plus(dedupWindow));
            if (inWindow) {
                open = a;
            }
            break; // only the newest counts: an older one whose window ended stays as it is
        }
        if (open == null && !suppressed) {
            for (Alert a : candidates) {
                if (Alert.DISMISSED.equals(a.status()) && a.resolution() != null
                        && now.isBefore(a.resolution().at().plus(windows.dismissedQuiet()))) {
                    open = a;
                    quiet = true;
                    break;
                }
            }
        }
        if (open == null) {
            return new Recorded(insert(c, d, dedup, now, position), true, false);
        }
        Duration suppressFor = d.suppressFor() != null ? d.suppressFor() : windows.suppressFor();
        Instant notified = lastNotified(c, open.id());
        if (!quiet && !suppressFor.isZero() && d.eventTime() != null && notified != null
                && d.eventTime().isBefore(notified.plus(suppressFor))) {
            quiet = true;
        }
        Instant last = d.eventTime() == null || d.eventTime().isBefore(open.lastEventTime()) ? open.lastEventTime() : d.eventTime();
        LinkedHashSet<String> behaviours = new LinkedHashSet<>(open.behaviours());
        behaviours.addAll(d.behaviours());
        Map<String, Object> figures = new LinkedHashMap<>(open.figures());
        figures.putAll(d.figures());
        // a quiet occurrence is counted and kept as evidence, but does not look like news: updatedAt stays
        Alert a = new Alert(open.id(), open.rule(), higher(open.severity(), d.severity()), open.agentId(),
                open.behaviourKey(), open.status(), open.description(), open.mitre(), d.summary(), open.count() + 1,
                open.firstEventTime(), last, open.detectedAt(), quiet ? open.updatedAt() : now, figures,
                List.copyOf(behaviours), keep(open.evidence(), d.evidence()), open.resolution(), open.enrichment(),
                open.suppressedCount() + (quiet ? 1 : 0), null);
        try (PreparedStatement s = c.prepareStatement("UPDATE alert SET occurrences = ?, severity = ?, "
                + "last_event_time = ?, updated_at = ?, body = ?, source_name = COALESCE(?, source_name), "
                + "source_position = COALESCE(?, source_position), suppressed_occurrences = ?, "
                + "last_notified_time = ? WHERE id = ?")) {
            s.setLong(1, a.count());
            s.setString(2, a.severity());
            s.setLong(3, last.toEpochMilli());
            s.setLong(4, a.updatedAt().toEpochMilli());
            s.setString(5, body(a));
            s.setString(6, position == null ? null : position.source());
            s.setObject(7, position == null ? null : position.value(), java.sql.Types.BIGINT);
            s.setLong(8, a.suppressedCount());
            Instant notifiedNow = quiet || d.eventTime() == null ? notified : d.eventTime();
            s.setObject(9, notifiedNow == null ? null : notifiedNow.toEpochMilli(), java.sql.Types.BIGINT);
            s.setString(10, a.id());
            s.executeUpdate();
        }
        return new Recorded(a, false, quiet);
    }

    private static Instant lastNotified(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_notified_time, last_event_time FROM alert WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long n = rs.getLong(1);
                if (!rs.wasNull()) {
                    return Instant.ofEpochMilli(n);
                }
                long last = rs.getLong(2); // alerts stored before V9: their newest occurrence was published
                return rs.wasNull() ? null : Instant.ofEpochMilli(last);
            }
        }
    }

    private Alert insert(Connection c, Detection d, String dedup, Instant now, Position position) throws SQLException {
        Instant first = d.eventTime() == null ? now : d.eventTime();
        String id = UUID.nameUUIDFromBytes((dedup + "|" + first.toEpochMilli() + statusSalt(d.status()))
                .getBytes(StandardCharsets.UTF_8)).toString();
        Alert a = new Alert(id, d.rule(), d.severity(), d.agentId(), d.behaviourKey(), d.status(), d.description(),
                d.mitre(), d.summary(), 1, first, first, now, now, d.figures(), d.behaviours(), d.evidence(), null,
                d.enrichment(), 0, null);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert (id, dedup_hash, rule_name, severity, "
                + "agent_id, behaviour_key, status, occurrences, first_event_time, last_event_time, detected_at, "
                + "updated_at, body, source_name, source_position, suppressed_occurrences, last_notified_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            s.setString(1, a.id());
            s.setString(2, dedup);
            s.setString(3, a.rule());
            s.setString(4, a.severity());
            s.setString(5, a.agentId());
            s.setString(6, a.behaviourKey());
            s.setString(7, a.status());
            s.setLong(8, a.count());
            s.setLong(9, first.toEpochMilli());
            s.setLong(10, first.toEpochMilli());
            s.setLong(11, now.toEpochMilli());
            s.setLong(12, now.toEpochMilli());
            s.setString(13, body(a));
            s.setString(14, position == null ? null : position.source());
            s.setObject(15, position == null ? null : position.value(), java.sql.Types.BIGINT);
            s.setLong(16, first.toEpochMilli());
            s.executeUpdate();
        }
        return a;
    }

    /** Closes every open alert of the agent that cites the behaviour; returns the alerts as closed. */
    public List<Alert> close(List<AlertClosure> closures, Instant now) {
        return close(closures, now, null);
    }

    /**
     * As {@link #close(List, Instant)}; the i-th closure comes from {@code positions.get(i)} (the list or its entries
     * may be null), and leaves alone an alert counted later in the same source: a replayed closure must not close
     * an alert raised after it.
     */
    public List<Alert> close(List<AlertClosure> closures, Instant now, List<Position> positions) {
        List<Alert> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < closures.size(); i++) {
                    AlertClosure closure = closures.get(i);
                    Position position = positions == null || positions.get(i) == null
                            ? new Position("", Long.MAX_VALUE) : positions.get(i);
                    List<Alert> open = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement(SELECT
                            + " WHERE agent_id = ? AND behaviour_key = ? AND status IN (?, ?, ?)"
                            + " AND (source_name IS NULL OR source_name <> ? OR source_position < ?)")) {
                        s.setString(1, closure.agentId());
                        s.setString(2, closure.behaviourKey());
                        s.setString(3, Alert.OPEN);
                        s.setString(4, Alert.IN_REVIEW);
                        s.setString(5, Alert.ACKNOWLEDGED);
                        s.setString(6, position.source());
                        s.setLong(7, position.value());
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                open.add(read(rs));
                            }
                        }
                    }
                    for (Alert a : open) {
                        Alert closed = move(c, a, closure.status(), closure.by(), closure.reason(), closure.at(), now);
                        if (closed != null) {
                            out.add(closed);
                        }
                    }
                }
                stored(c, out, true, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close alerts", e);
        }
        return out;
    }

    /**
     * Moves one alert to {@code to}, as {@code by}, for {@code reason}; returns it with its whole history.
     *
     * @throws InvalidTransitionException when the state machine does not allow the move from its current state
     *                                    (also when another request moved it first)
     */
    public Optional<Alert> transition(String id, String to, String by, String reason, Instant now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Alert a = get(c, id);
                if (a == null) {
                    c.rollback();
                    return Optional.empty();
                }
                if (!AlertStates.allowed(a.status(), to)) {
                    throw new InvalidTransitionException(id, a.status(), to);
                }
                Alert moved = move(c, a, to, by, reason, now, now);
                if (moved == null) {
                    throw new InvalidTransitionException(id, current(c, id), to); // moved meanwhile
                }
                stored(c, List.of(moved), true, now); // the audit entry and webhooks in the same transaction
                c.commit();
                return Optional.of(moved);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot move alert " + id + " to " + to, e);
        }
    }

    /**
     * The one place an alert changes state: checked against the state machine and against a concurrent change
     * (the update names the state it moves from), recorded in its history, published. Null when not allowed.
     */
    private Alert move(Connection c, Alert a, String to, String by, String reason, Instant at, Instant now)
            throws SQLException {
        if (!AlertStates.allowed(a.status(), to)) {
            return null;
        }
        Alert.Resolution resolution = AlertStates.reasonRequired(to) ? new Alert.Resolution(to, by, at, reason) : a.resolution();
        Alert moved = a.withStatus(to, resolution, now);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE alert SET status = ?, updated_at = ?, body = ? WHERE id = ? AND status = ?")) {
            s.setString(1, to);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, body(moved));
            s.setString(4, a.id());
            s.setString(5, a.status());
            if (s.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_transition (alert_id, from_status, to_status, "
                + "actor, transitioned_at, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, a.id());
            s.setString(2, a.status());
            s.setString(3, to);
            s.setString(4, by);
            s.setLong(5, at.toEpochMilli());
            s.setString(6, reason);
            s.executeUpdate();
        }
        toOutbox(c, moved, now);
        return moved.withHistory(history(c, a.id()));
    }

    private Alert get(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private String current(Connection c, String id) throws SQLException {
        Alert a = get(c, id);
        return a == null ? "gone" : a.status();
    }

    private static List<Transition> history(Connection c, String id) throws SQLException {
        List<Transition> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT from_status, to_status, actor, transitioned_at, reason "
                + "FROM alert_transition WHERE alert_id = ? ORDER BY seq")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Transition(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Alerts still worked on (open, in-review, acknowledged) with this behaviour key, on any agent. */
    public List<Alert> active(String behaviourKey) {
        return query(SELECT + " WHERE behaviour_key = ? AND status IN (?, ?, ?) ORDER BY detected_at, id",
                List.of(behaviourKey, Alert.OPEN, Alert.IN_REVIEW, Alert.ACKNOWLEDGED));
    }

    private void stored(Connection c, List<Alert> alerts, boolean closing, Instant now) throws SQLException {
        if (changes != null && !alerts.isEmpty()) {
            changes.stored(c, alerts, closing, now);
        }
    }

    /** Open alerts keep the ids they always had; a suppressed or in-review one of the same first event differs. */
    private static String statusSalt(String status) {
        return Alert.OPEN.equals(status) ? "" : "|" + status;
    }

    /** The first evidence explains how it started, the newest how it goes on; the middle is dropped. */
    static List<Evidence> keep(List<Evidence> old, List<Evidence> added) {
        List<Evidence> all = new ArrayList<>(old);
        all.addAll(added);
        if (all.size() <= EVIDENCE_KEPT_FIRST + EVIDENCE_KEPT_LAST) {
            return all;
        }
        List<Evidence> kept = new ArrayList<>(all.subList(0, EVIDENCE_KEPT_FIRST));
        kept.addAll(all.subList(all.size() - EVIDENCE_KEPT_LAST, all.size()));
        return kept;
    }

    private static String higher(String a, String b) {
        List<String> order = List.of("low", "medium", "high", "critical");
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    /** One alert with its history of transitions. */
    public Optional<Alert> get(String id) {
        try (Connection c = db.getConnection()) {
            Alert a = get(c, id);
            return a == null ? Optional.empty() : Optional.of(a.withHistory(history(c, id)));
        } catch (SQLException e) {
            throw new StoreException("cannot read alert " + id, e);
        }
    }

    public List<Alert> find(AlertQuery q) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "agent_id", q.agentId());
        filter(sql, args, "rule_name", q.rule());
        filter(sql, args, "severity", q.severity());
        filter(sql, args, "status", q.status());
        if (q.since() != null) {
            sql.append(" AND updated_at >= ?");
            args.add(q.since().toEpochMilli());
        }
        sql.append(" ORDER BY detected_at DESC, id LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return query(sql.toString(), args);
    }

    private List<Alert> query(String sql, List<Object> args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list alerts", e);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static final String SELECT = "SELECT id, rule_name, severity, agent_id, behaviour_key, status, occurrences, "
            + "first_event_time, last_event_time, detected_at, updated_at, body, suppressed_occurrences FROM alert";

    private Alert read(ResultSet rs) throws SQLException {
        Body b;
        try {
            b = json.readValue(rs.getString(12), Body.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("alert " + rs.getString(1) + " has an unreadable body", e);
        }
        return new Alert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), b.description(), b.mitre(), b.summary(), rs.getLong(7), Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)),
                b.figures() == null ? Map.of() : b.figures(), b.behaviours() == null ? List.of() : b.behaviours(),
                b.evidence() == null ? List.of() : b.evidence(), b.resolution(), b.enrichment(), rs.getLong(13), null);
    }

    private String body(Alert a) {
        try {
            return json.writeValueAsString(new Body(a.description(), a.mitre(), a.summary(), a.figures(), a.behaviours(),
                    a.evidence(), a.resolution(), a.enrichment()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parts of an alert kept as JSON. */
    record Body(String description, List<String> mitre, String summary, Map<String, Object> figures,
                List<String> behaviours, List<Evidence> evidence, Alert.Resolution resolution, Enrichment enrichment) {
    }

    static String dedupHash(String agentId, String rule, String behaviourKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((agentId + "\u0000" + rule + "\u0000" + behaviourKey)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
