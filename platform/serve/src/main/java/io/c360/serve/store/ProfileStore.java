package io.c360.serve.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.runtime.PostgresService;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The profile store: PostgreSQL tables in schema {@code serving} of database {@value #DATABASE}
 * (see {@code profile-store.sql} and docs/serve.md). Publishing is one transaction, so a reader
 * sees the previous version or the new one, never a mix; every read is a single statement, so it
 * sees one snapshot too. A large publish swaps in rebuilt tables at its commit: every read names
 * {@code serving.profiles} before the other tables, in the order the swap locks them, so a
 * reader waiting for the swap never holds a lock the swap needs.
 */
public final class ProfileStore {

    public static final String DATABASE = "c360";
    private static final long SCHEMA_LOCK = 0x0c360_5e7eL;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> KEY_LIST = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private static final String PROFILE_COLUMNS = """
            SELECT p.customer_id, p.name, p.doc::text, v.version, v.run_id, v.published_at,
              (SELECT coalesce(json_agg(json_build_array(k.kind, k.key) ORDER BY k.kind, k.key), '[]')::text
                 FROM serving.profile_keys k WHERE k.customer_id = p.customer_id),
              (SELECT coalesce(json_agg(b.branch_id ORDER BY b.branch_id), '[]')::text
                 FROM serving.branch_customers b WHERE b.customer_id = p.customer_id)
            FROM serving.profile_versions v JOIN serving.profiles p ON true
            WHERE v.is_current""";

    private final DataSource db;

    private ProfileStore(DataSource db) {
        this.db = db;
    }

    /** Opens the store on c360's PostgreSQL, creating its tables on first use. */
    public static ProfileStore open(PostgresService postgres) {
        ProfileStore store = new ProfileStore(postgres.dataSource(DATABASE));
        store.createSchema();
        return store;
    }

    private void createSchema() {
        try (InputStream in = ProfileStore.class.getResourceAsStream("profile-store.sql");
             Connection c = db.getConnection()) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                s.execute(ddl);
            }
            c.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new ProfileStoreException("cannot create the profile store tables: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes the complete set of profiles of one pipeline run as the new current version.
     * Only profiles whose content changed are rewritten; customers missing from {@code profiles}
     * are removed.
     */
    public ProfileVersion publish(String runId, Iterator<Profile> profiles) {
        return publish(runId, new JsonProfiles(profiles));
    }

    /**
     * Publishes the profiles of {@code source} (the complete set of one pipeline run) as the new
     * current version: the source is asked for its changes against the stored content hashes, and
     * only those are written.
     */
    public ProfileVersion publish(String runId, ProfileSource source) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("publish needs the id of the pipeline run it serves");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                ProfileVersion v = new ProfilePublication(c, runId).run(source);
                c.commit();
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new ProfileStoreException("publishing run " + runId + " failed, the store still serves the previous version: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Right to erasure: removes these customers' profiles, lookup keys and branch entries, and any
     * e-mail, CPF or phone lookup key holding one of {@code contacts} (normalized: e-mail lower-cased,
     * CPF and phone digits), in one transaction under the publish lock; then vacuums the tables so the dead rows are
     * pruned. Returns the rows removed per table.
     */
    public java.util.Map<String, Long> erase(java.util.Collection<String> customerIds, java.util.Collection<String> contacts) {
        java.util.Map<String, Long> removed = new java.util.LinkedHashMap<>();
        String[] ids = customerIds.toArray(String[]::new);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + ProfilePublication.PUBLISH_LOCK + ")");
            }
            removed.put("serving.profile_keys", update(c, "DELETE FROM serving.profile_keys WHERE customer_id = ANY (?) "
                    + "OR (kind IN ('email', 'cpf', 'phone') AND key = ANY (?))", ids, contacts.toArray(String[]::new)));
            removed.put("serving.branch_customers", update(c, "DELETE FROM serving.branch_customers WHERE customer_id = ANY (?)", ids));
            removed.put("serving.profiles", update(c, "DELETE FROM serving.profiles WHERE customer_id = ANY (?)", ids));
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM serving.profile_keys, serving.branch_customers, serving.profiles");
            }
            return removed;
        } catch (SQLException e) {
            throw new ProfileStoreException("cannot erase customers from the profile store: " + e.getMessage(), e);
        }
    }

    private static long update(Connection c, String sql, String[]... arrays) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                q.setArray(i + 1, c.createArrayOf("text", arrays[i]));
            }
            return q.executeUpdate();
        }
    }

    public Optional<ProfileVersion> currentVersion() {
        List<ProfileVersion> v = queryVersions("WHERE is_current", 1);
        return v.stream().findFirst();
    }

    /** The most recent publishes, newest first. */
    public List<ProfileVersion> versions(int limit) {
        return queryVersions("", limit);
    }

    private List<ProfileVersion> queryVersions(String where, int limit) {
        String sql = "SELECT version, run_id, published_at, customers, inserted, updated, deleted, is_current "
                + "FROM serving.profile_versions " + where + " ORDER BY version DESC LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setInt(1, limit);
            List<ProfileVersion> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProfileVersion(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ProfileStoreException("cannot read the profile versions: " + e.getMessage(), e);
        }
    }

    public Optional<StoredProfile> find(String customerId) {
        List<StoredProfile> found = profiles(PROFILE_COLUMNS + " AND p.customer_id = ?", customerId);
        return found.stream().findFirst();
    }

    /** Profiles having this key (normally one; a shared email or phone can give several). */
    public List<StoredProfile> findByKey(LookupKey key) {
        return profiles(PROFILE_COLUMNS + " AND p.customer_id IN "
                + "(SELECT customer_id FROM serving.profile_keys WHERE kind = ? AND key = ?) ORDER BY p.customer_id LIMIT 20",
                key.kind(), key.key());
    }

    /**
     * Customers matching free text: an exact customer id or lookup key of any kind (email, CPF,
     * phone or a source key), or a name containing the text.
     */
    public List<CustomerSummary> search(String text, int limit) {
        String t = text.trim();
        Set<String> candidates = new LinkedHashSet<>(List.of(t, t.toLowerCase(Locale.ROOT)));
        String digits = t.replaceAll("[^0-9]", "");
        if (!digits.isEmpty()) {
            candidates.add(digits);
        }
        String like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String sql = """
                SELECT p.customer_id, p.name FROM serving.profiles p
                WHERE p.customer_id = ? OR p.name ILIKE ?
                   OR p.customer_id IN (SELECT customer_id FROM serving.profile_keys WHERE key = ANY (?))
                ORDER BY p.name, p.customer_id LIMIT ?""";
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, t);
            q.setString(2, like);
            q.setArray(3, c.createArrayOf("text", candidates.toArray()));
            q.setInt(4, limit);
            return summaries(q);
        } catch (SQLException e) {
            throw new ProfileStoreException("customer search failed: " + e.getMessage(), e);
        }
    }

    /** One page of a branch's customers in customer_id order, after {@code afterCustomerId} (null: first page). */
    public List<CustomerSummary> branchCustomers(String branchId, String afterCustomerId, int limit) {
        String sql = """
                SELECT p.customer_id, p.name FROM serving.profiles p
                JOIN serving.branch_customers b ON b.customer_id = p.customer_id
                WHERE b.branch_id = ? AND b.customer_id > ? ORDER BY b.customer_id LIMIT ?""";
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, branchId);
            q.setString(2, afterCustomerId == null ? "" : afterCustomerId);
            q.setInt(3, limit);
            return summaries(q);
        } catch (SQLException e) {
            throw new ProfileStoreException("listing customers of branch " + branchId + " failed: " + e.getMessage(), e);
        }
    }

    private static List<CustomerSummary> summaries(PreparedStatement q) throws SQLException {
        List<CustomerSummary> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new CustomerSummary(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private List<StoredProfile> profiles(String sql, String... params) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            List<StoredProfile> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(storedProfile(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ProfileStoreException("profile read failed: " + e.getMessage(), e);
        }
    }

    private static StoredProfile storedProfile(ResultSet rs) throws SQLException {
        try {
            List<LookupKey> keys = new ArrayList<>();
            for (List<String> k : JSON.readValue(rs.getString(7), KEY_LIST)) {
                keys.add(new LookupKey(k.get(0), k.get(1)));
            }
            Timestamp published = rs.getTimestamp(6);
            return new StoredProfile(rs.getString(1), rs.getString(2), rs.getString(3), keys,
                    JSON.readValue(rs.getString(8), STRING_LIST), rs.getLong(4), rs.getString(5),
                    published == null ? Instant.EPOCH : published.toInstant());
        } catch (IOException e) {
            throw new ProfileStoreException("unreadable lookup keys in the profile store: " + e.getMessage(), e);
        }
    }
}
