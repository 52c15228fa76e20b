package io.c360.serve.auth;

import io.c360.runtime.PostgresService;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys in table {@code api_keys} of database c360. A key reads {@code c360_<id>_<secret>}; only
 * a salted SHA-256 of the secret is stored, so the key is shown once, when it is created.
 * Verified keys are remembered for a few seconds so that a request costs no database round trip;
 * a revocation therefore takes effect within {@link #CACHE_TTL}.
 */
public final class ApiKeys {

    public static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Verified(ApiKey key, long expiresAtNanos) {
    }

    private final DataSource db;
    private final Map<String, Verified> recent = new ConcurrentHashMap<>();

    private ApiKeys(DataSource db) {
        this.db = db;
    }

    public static ApiKeys open(PostgresService postgres) {
        ApiKeys keys = new ApiKeys(postgres.dataSource("c360"));
        keys.createTable();
        return keys;
    }

    private void createTable() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS api_keys (
                      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                      salt BYTEA NOT NULL, secret_sha256 BYTEA NOT NULL,
                      created_at TIMESTAMPTZ NOT NULL, revoked_at TIMESTAMPTZ)""");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // created at the same moment by another process
                throw new IllegalStateException("cannot create table api_keys: " + e.getMessage(), e);
            }
        }
    }

    /** A new key; the returned plain text is the only copy of its secret. */
    public Created create(String name, Role role) {
        String id = HexFormat.of().formatHex(randomBytes(4));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        byte[] salt = randomBytes(16);
        ApiKey key = new ApiKey(id, name, role, Instant.now(), null);
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "INSERT INTO api_keys (id, name, role, salt, secret_sha256, created_at) VALUES (?,?,?,?,?,?)")) {
            q.setString(1, id);
            q.setString(2, name);
            q.setString(3, role.label());
            q.setBytes(4, salt);
            q.setBytes(5, hash(salt, secret));
            q.setTimestamp(6, Timestamp.from(key.createdAt()));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the new API key: " + e.getMessage(), e);
        }
        return new Created(key, "c360_" + id + "_" + secret);
    }

    /** A freshly created key and its plain text. */
    public record Created(ApiKey key, String plainText) {
    }

    public List<ApiKey> list() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, role, created_at, revoked_at FROM api_keys ORDER BY created_at, id")) {
            List<ApiKey> out = new ArrayList<>();
            while (rs.next()) {
                out.add(apiKey(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list API keys: " + e.getMessage(), e);
        }
    }

    /** Revokes a key by id; false when there is no such active key. */
    public boolean revoke(String id) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            q.setString(1, id);
            boolean revoked = q.executeUpdate() == 1;
            recent.clear();
            return revoked;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key " + id + ": " + e.getMessage(), e);
        }
    }

    /** The active key this plain text belongs to, or empty when it is unknown, wrong or revoked. */
    public Optional<ApiKey> verify(String plainText) {
        if (plainText == null || !plainText.matches("c360_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Verified v = recent.get(plainText);
        if (v != null && v.expiresAtNanos() - System.nanoTime() > 0) {
            return Optional.of(v.key());
        }
        Optional<ApiKey> key = lookUp(plainText.substring(5, 13), plainText.substring(14));
        key.ifPresentOrElse(k -> recent.put(plainText, new Verified(k, System.nanoTime() + CACHE_TTL.toNanos())),
                () -> recent.remove(plainText));
        return key;
    }

    private Optional<ApiKey> lookUp(String id, String secret) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT id, name, role, created_at, revoked_at, salt, secret_sha256 FROM api_keys WHERE id = ? AND revoked_at IS NULL")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && MessageDigest.isEqual(hash(rs.getBytes(6), secret), rs.getBytes(7))) {
                    return Optional.of(apiKey(rs));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the API key: " + e.getMessage(), e);
        }
    }

    private static ApiKey apiKey(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp(5);
        return new ApiKey(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
