package io.driftwatch.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.store.StoreException;

/** Activated rule versions with their files, in the database. */
@ApplicationScoped
public class RuleVersionStore {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() { };

    private final DataSource db;
    private final ObjectMapper json;
    /** Null when built outside CDI (tests of the store alone). */
    @jakarta.inject.Inject
    io.driftwatch.audit.AuditLog audit;

    public RuleVersionStore(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void save(RuleVersion v, Map<String, String> files) {
        save(v, files, null);
    }

    /** @param change what made the version (put, delete, reload, rollback, startup), for the audit log */
    public void save(RuleVersion v, Map<String, String> files, String change) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO rule_version (version, content_hash, author, created_at, message, files) VALUES (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            try {
                s.setLong(1, v.version());
                s.setString(2, v.contentHash());
                s.setString(3, v.author());
                s.setLong(4, v.createdAt().toEpochMilli());
                s.setString(5, v.message());
                s.setString(6, json.writeValueAsString(new TreeMap<>(files)));
                s.executeUpdate();
                if (audit != null) {
                    audit.append(c, List.of(io.driftwatch.audit.AuditTrails.ruleVersion(v, files.size(), change)));
                }
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot store rule version " + v.version(), e);
        }
    }

    public Optional<RuleVersion> latest() {
        List<RuleVersion> all = query("SELECT version, content_hash, author, created_at, message FROM rule_version "
                + "ORDER BY version DESC LIMIT 1", null);
        return all.stream().findFirst();
    }

    public List<RuleVersion> all() {
        return query("SELECT version, content_hash, author, created_at, message FROM rule_version ORDER BY version DESC", null);
    }

    public Optional<Map<String, String>> files(long version) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT files FROM rule_version WHERE version = ?")) {
            s.setLong(1, version);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(json.readValue(rs.getString(1), FILES)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read rule version " + version, e);
        }
    }

    private List<RuleVersion> query(String sql, Long arg) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setLong(1, arg);
            }
            List<RuleVersion> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RuleVersion(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read rule versions", e);
        }
    }
}
