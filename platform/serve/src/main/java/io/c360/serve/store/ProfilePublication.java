package io.c360.serve.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * One publish, inside the caller's transaction: profiles are streamed with COPY into a temporary
 * table (unchanged ones as id and content hash only), compared by hash with the stored ones, and
 * only the differences are applied with set-based statements; then the version pointer moves.
 */
final class ProfilePublication {

    static final long PUBLISH_LOCK = 0x0c360_9b1bL;
    private static final int FLUSH_BYTES = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection c;
    private final String runId;
    private final MessageDigest sha256;
    private Map<String, String> storedHashes;

    ProfilePublication(Connection c, String runId) {
        this.c = c;
        this.runId = runId;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ProfileVersion run(Iterator<Profile> profiles) throws SQLException {
        exec("SELECT pg_advisory_xact_lock(" + PUBLISH_LOCK + ")");
        storedHashes = storedHashes();
        // text, not jsonb: only the changed documents are parsed, when they are written; an
        // unchanged profile is sent as its id and hash only (doc, keys, branches NULL)
        exec("CREATE TEMP TABLE incoming_profiles (customer_id text PRIMARY KEY, name text, doc_hash text NOT NULL, "
                + "doc text, keys text, branches text) ON COMMIT DROP");
        long customers = copyIn(profiles);
        exec("ANALYZE incoming_profiles");
        exec("""
                CREATE TEMP TABLE changed_profiles ON COMMIT DROP AS
                SELECT i.customer_id, p.customer_id IS NULL AS is_new FROM incoming_profiles i
                LEFT JOIN serving.profiles p ON p.customer_id = i.customer_id
                WHERE p.doc_hash IS DISTINCT FROM i.doc_hash""");
        exec("""
                CREATE TEMP TABLE removed_profiles ON COMMIT DROP AS
                SELECT p.customer_id FROM serving.profiles p
                WHERE NOT EXISTS (SELECT 1 FROM incoming_profiles i WHERE i.customer_id = p.customer_id)""");
        exec("ANALYZE changed_profiles");
        long version = nextVersion();
        long deleted = exec("DELETE FROM serving.profiles p USING removed_profiles r WHERE p.customer_id = r.customer_id");
        for (String gone : new String[] {"changed_profiles", "removed_profiles"}) {
            exec("DELETE FROM serving.profile_keys k USING " + gone + " g WHERE k.customer_id = g.customer_id");
            exec("DELETE FROM serving.branch_customers b USING " + gone + " g WHERE b.customer_id = g.customer_id");
        }
        long inserted = count("SELECT count(*) FROM changed_profiles WHERE is_new");
        long updated = upsertChanged(version) - inserted;
        exec("""
                INSERT INTO serving.profile_keys (kind, key, customer_id)
                SELECT DISTINCT k->>0, k->>1, i.customer_id FROM changed_profiles c JOIN incoming_profiles i USING (customer_id)
                CROSS JOIN LATERAL jsonb_array_elements(i.keys::jsonb) k""");
        exec("""
                INSERT INTO serving.branch_customers (branch_id, customer_id)
                SELECT DISTINCT b, i.customer_id FROM changed_profiles c JOIN incoming_profiles i USING (customer_id)
                CROSS JOIN LATERAL jsonb_array_elements_text(i.branches::jsonb) b""");
        // fresh statistics, or the first lookups after a big publish plan sequential scans
        exec("ANALYZE serving.profiles, serving.profile_keys, serving.branch_customers");
        exec("UPDATE serving.profile_versions SET is_current = false WHERE is_current");
        ProfileVersion v = new ProfileVersion(version, runId, Instant.now(), customers, inserted, updated, deleted, true);
        try (PreparedStatement q = c.prepareStatement("INSERT INTO serving.profile_versions "
                + "(version, run_id, published_at, customers, inserted, updated, deleted, is_current) VALUES (?,?,?,?,?,?,?,true)")) {
            q.setLong(1, v.version());
            q.setString(2, runId);
            q.setTimestamp(3, Timestamp.from(v.publishedAt()));
            q.setLong(4, customers);
            q.setLong(5, inserted);
            q.setLong(6, updated);
            q.setLong(7, deleted);
            q.executeUpdate();
        }
        return v;
    }

    private long upsertChanged(long version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                INSERT INTO serving.profiles (customer_id, name, version, doc, doc_hash, updated_at)
                SELECT i.customer_id, i.name, ?, i.doc::json, i.doc_hash, now()
                FROM changed_profiles c JOIN incoming_profiles i USING (customer_id)
                ON CONFLICT (customer_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version,
                  doc = EXCLUDED.doc, doc_hash = EXCLUDED.doc_hash, updated_at = EXCLUDED.updated_at""")) {
            q.setLong(1, version);
            return q.executeUpdate();
        }
    }

    private long copyIn(Iterator<Profile> profiles) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY incoming_profiles (customer_id, name, doc_hash, doc, keys, branches) FROM STDIN");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
        long n = 0;
        try {
            while (profiles.hasNext()) {
                buffer.writeBytes(copyLine(profiles.next()));
                n++;
                if (buffer.size() >= FLUSH_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            if (e instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new SQLException("a customer_id appears twice in the published profiles (" + s.getMessage() + ")", s);
            }
            throw e;
        }
        return n;
    }

    /** One row of COPY text format; the hash covers everything stored for the customer. */
    private byte[] copyLine(Profile p) {
        try {
            String doc = JSON.writeValueAsString(p.doc());
            ArrayNode keys = JSON.createArrayNode();
            p.keys().forEach(k -> keys.addArray().add(k.kind()).add(k.key()));
            ArrayNode branches = JSON.createArrayNode();
            p.branchIds().forEach(branches::add);
            String keysJson = JSON.writeValueAsString(keys);
            String branchesJson = JSON.writeValueAsString(branches);
            String name = p.name() == null ? "" : p.name();
            sha256.reset();
            for (String part : new String[] {name, doc, keysJson, branchesJson}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            String hash = HexFormat.of().formatHex(sha256.digest(), 0, 16);
            if (hash.equals(storedHashes.get(p.customerId()))) {
                return (escape(p.customerId()) + "\t\\N\t" + hash + "\t\\N\t\\N\t\\N\n").getBytes(StandardCharsets.UTF_8);
            }
            String line = escape(p.customerId()) + '\t' + (p.name() == null ? "\\N" : escape(name)) + '\t' + hash + '\t'
                    + escape(doc) + '\t' + escape(keysJson) + '\t' + escape(branchesJson) + '\n';
            return line.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("profile " + p.customerId() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * The content hash of every stored profile (read under the publish lock, so it cannot change
     * meanwhile): about 150 bytes of heap per customer, and in exchange unchanged documents are
     * neither sent nor parsed.
     */
    private Map<String, String> storedHashes() throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT customer_id, doc_hash FROM serving.profiles")) {
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return hashes;
    }

    private long nextVersion() throws SQLException {
        return count("SELECT coalesce(max(version), 0) + 1 FROM serving.profile_versions");
    }

    private long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        }
    }
}
