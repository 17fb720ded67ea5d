package io.driftwatch.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.store.StoreException;

/** API tokens by the SHA-256 of their secret. */
@ApplicationScoped
public class TokenStore {

    private final DataSource db;
    /** Null when built outside CDI. */
    @jakarta.inject.Inject
    io.driftwatch.audit.AuditLog audit;

    public TokenStore(DataSource db) {
        this.db = db;
    }

    /** A token as listed: never its secret. */
    public record TokenInfo(String id, String name, Set<Role> roles, String createdBy, Instant createdAt, Instant revokedAt) {
    }

    public void add(String id, String name, String hash, Set<Role> roles, String createdBy, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_token (id, name, token_hash, roles, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setString(3, hash);
            s.setString(4, roles.stream().map(Role::json).sorted().collect(Collectors.joining(",")));
            s.setString(5, createdBy);
            s.setLong(6, at.toEpochMilli());
            c.setAutoCommit(false);
            try {
                s.executeUpdate();
                if (audit != null) {
                    audit.append(c, List.of(io.driftwatch.audit.AuditChange.of(createdBy,
                            io.driftwatch.audit.AuditActions.TOKEN_CREATED, "token", id,
                            java.util.Map.of("name", name, "roles", roles.stream().map(Role::json).sorted().toList()))));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store token " + name, e);
        }
    }

    /** The active token with this hash. */
    public Optional<TokenInfo> byHash(String hash) {
        return query("SELECT id, name, roles, created_by, created_at, revoked_at FROM api_token WHERE token_hash = ? "
                + "AND revoked_at IS NULL", hash).stream().findFirst();
    }

    public List<TokenInfo> all() {
        return query("SELECT id, name, roles, created_by, created_at, revoked_at FROM api_token ORDER BY created_at", null);
    }

    public boolean anyActiveAdmin() {
        return all().stream().anyMatch(t -> t.revokedAt() == null && t.roles().contains(Role.ADMIN));
    }

    public boolean revoke(String id, Instant at) {
        return revoke(id, null, at);
    }

    /** @param by who revoked it, for the audit log */
    public boolean revoke(String id, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, id);
            c.setAutoCommit(false);
            try {
                boolean revoked = s.executeUpdate() == 1;
                if (revoked && audit != null) {
                    audit.append(c, List.of(io.driftwatch.audit.AuditChange.of(by,
                            io.driftwatch.audit.AuditActions.TOKEN_REVOKED, "token", id, java.util.Map.of())));
                }
                c.commit();
                return revoked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + id, e);
        }
    }

    private List<TokenInfo> query(String sql, String arg) {
        List<TokenInfo> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    Arrays.stream(rs.getString(3).split(",")).map(Role::fromJson).filter(r -> r != null).forEach(roles::add);
                    long revoked = rs.getLong(6);
                    out.add(new TokenInfo(rs.getString(1), rs.getString(2), roles, rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.wasNull() ? null : Instant.ofEpochMilli(revoked)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read tokens", e);
        }
        return out;
    }
}
