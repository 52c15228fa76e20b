package io.c360.serve.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One publish, inside the caller's transaction. The source compares the stored content hashes
 * with its profiles and sends only the changed ones, streamed with binary COPY into staging
 * tables without indexes. A small change is applied to the live tables with set-based
 * statements; a large one (or the first publish) rebuilds the tables beside the live ones
 * (changed rows + the unchanged rows copied inside PostgreSQL), indexes them once, and swaps them
 * in by renaming. Either way nothing is visible before the commit, which also moves the version
 * pointer, so readers see the previous version or the new one.
 */
final class ProfilePublication {

    static final long PUBLISH_LOCK = 0x0c360_9b1bL;
    /** The tables holding the current version's rows, keyed by customer_id. */
    private static final List<String> TABLES = List.of("profiles", "profile_keys", "branch_customers");
    /**
     * Above this share of the stored profiles written or removed, rebuilding the tables (load
     * without indexes, index once) is cheaper than updating rows and indexes in place.
     */
    private static final double REBUILD_SHARE = 0.2;
    private static final List<String> PROFILE_COLUMNS = List.of("customer_id", "name", "version", "doc", "doc_hash", "updated_at");
    private static final List<String> KEY_COLUMNS = List.of("kind", "key", "customer_id");
    private static final List<String> BRANCH_COLUMNS = List.of("branch_id", "customer_id");

    private final Connection c;
    private final String runId;

    ProfilePublication(Connection c, String runId) {
        this.c = c;
        this.runId = runId;
    }

    ProfileVersion run(ProfileSource source) throws SQLException {
        exec("SELECT pg_advisory_xact_lock(" + PUBLISH_LOCK + ")");
        Map<String, String> stored = storedHashes();
        ProfileVersion v;
        try (ProfileChanges changes = source.changesSince(stored)) {
            long deleted = changes.removed().size();
            boolean rebuild = changes.changed() + deleted > REBUILD_SHARE * stored.size();
            Staging staging = rebuild ? Staging.NEXT : Staging.CHANGED;
            for (String t : TABLES) {
                exec(staging.create(t));
            }
            if (rebuild) {
                copyStorageParameters();
            }
            Instant now = Instant.now();
            long version = count("SELECT coalesce(max(version), 0) + 1 FROM serving.profile_versions");
            long inserted = load(changes, staging, stored, version, now);
            exec("CREATE TEMP TABLE removed_profiles (customer_id text) ON COMMIT DROP");
            copyRemoved(changes.removed());
            if (rebuild) {
                rebuild();
            } else {
                patch();
            }
            v = new ProfileVersion(version, runId, now, stored.size() - deleted + inserted, inserted,
                    changes.changed() - inserted, deleted, true);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new SQLException("a customer_id (or one of its lookup keys) appears twice in the published profiles ("
                        + e.getMessage() + ")", e);
            }
            throw e;
        }
        exec("UPDATE serving.profile_versions SET is_current = false WHERE is_current");
        try (PreparedStatement q = c.prepareStatement("INSERT INTO serving.profile_versions "
                + "(version, run_id, published_at, customers, inserted, updated, deleted, is_current) VALUES (?,?,?,?,?,?,?,true)")) {
            q.setLong(1, v.version());
            q.setString(2, runId);
            q.setTimestamp(3, Timestamp.from(v.publishedAt()));
            q.setLong(4, v.customers());
            q.setLong(5, v.inserted());
            q.setLong(6, v.updated());
            q.setLong(7, v.deleted());
            q.executeUpdate();
        }
        return v;
    }

    /** Where the changed rows are loaded: tables beside the live ones (rebuild) or temporary ones (patch). */
    private enum Staging {
        NEXT("CREATE TABLE serving.%1$s_next (LIKE serving.%1$s)", "serving.%s_next"),
        CHANGED("CREATE TEMP TABLE %1$s_changed (LIKE serving.%1$s) ON COMMIT DROP", "%s_changed");

        private final String create;
        private final String name;

        Staging(String create, String name) {
            this.create = create;
            this.name = name;
        }

        String create(String table) {
            return String.format(create, table);
        }

        String of(String table) {
            return String.format(name, table);
        }
    }

    /**
     * Streams the changed profiles into the staging profiles table in one pass, their keys and
     * branches meanwhile into spool files (the connection runs one COPY at a time), then those;
     * returns how many profiles are new.
     */
    private long load(ProfileChanges changes, Staging staging, Map<String, String> stored, long version, Instant now)
            throws SQLException {
        Path keysFile = null;
        Path branchesFile = null;
        List<BinaryCopy> copies = new ArrayList<>();
        try {
            keysFile = Files.createTempFile("c360-publish-keys", ".copy");
            branchesFile = Files.createTempFile("c360-publish-branches", ".copy");
            BinaryCopy profiles = BinaryCopy.into(c, staging.of("profiles"), PROFILE_COLUMNS);
            copies.add(profiles);
            BinaryCopy keys = BinaryCopy.spool(keysFile, KEY_COLUMNS.size());
            copies.add(keys);
            BinaryCopy branches = BinaryCopy.spool(branchesFile, BRANCH_COLUMNS.size());
            copies.add(branches);
            long inserted = 0;
            for (Iterator<ProfileChanges.Document> it = changes.documents(); it.hasNext(); ) {
                ProfileChanges.Document d = it.next();
                profiles.row().text(d.customerId()).text(d.name()).bigint(version).text(d.json()).text(d.hash()).timestamptz(now);
                for (LookupKey k : d.keys()) {
                    keys.row().text(k.kind()).text(k.key()).text(d.customerId());
                }
                for (String b : d.branchIds()) {
                    branches.row().text(b).text(d.customerId());
                }
                inserted += stored.containsKey(d.customerId()) ? 0 : 1;
            }
            for (BinaryCopy copy : copies) {
                copy.finish();
            }
            copies.clear();
            BinaryCopy.load(c, staging.of("profile_keys"), KEY_COLUMNS, keysFile);
            BinaryCopy.load(c, staging.of("branch_customers"), BRANCH_COLUMNS, branchesFile);
            return inserted;
        } catch (IOException e) {
            copies.forEach(BinaryCopy::cancel);
            throw BinaryCopy.sqlException(e);
        } catch (RuntimeException e) {
            copies.forEach(BinaryCopy::cancel);
            throw e;
        } finally {
            delete(keysFile);
            delete(branchesFile);
        }
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the publish spool file " + file, e);
        }
    }

    private void copyRemoved(List<String> ids) throws SQLException {
        BinaryCopy removed = BinaryCopy.into(c, "removed_profiles", List.of("customer_id"));
        try {
            for (String id : ids) {
                removed.row().text(id);
            }
            removed.finish();
        } catch (IOException e) {
            removed.cancel();
            throw BinaryCopy.sqlException(e);
        }
    }

    /**
     * Few changes: delete and re-insert the changed customers' rows in the live tables (their
     * statistics stay representative; a large change rebuilds, which analyzes).
     */
    private void patch() throws SQLException {
        exec("ALTER TABLE profiles_changed ADD PRIMARY KEY (customer_id)");
        exec("DELETE FROM serving.profiles p USING removed_profiles r WHERE p.customer_id = r.customer_id");
        for (String t : TABLES.subList(1, TABLES.size())) {
            exec("DELETE FROM serving." + t + " x WHERE x.customer_id IN "
                    + "(SELECT customer_id FROM profiles_changed UNION ALL SELECT customer_id FROM removed_profiles)");
        }
        exec("""
                INSERT INTO serving.profiles SELECT * FROM profiles_changed
                ON CONFLICT (customer_id) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version,
                  doc = EXCLUDED.doc, doc_hash = EXCLUDED.doc_hash, updated_at = EXCLUDED.updated_at""");
        for (String t : TABLES.subList(1, TABLES.size())) {
            exec("INSERT INTO serving." + t + " SELECT * FROM " + Staging.CHANGED.of(t));
        }
    }

    /**
     * Many changes: complete the _next tables with the unchanged customers' rows, give them the
     * live tables' indexes, and swap them in. The swap locks the tables only for the renames.
     */
    private void rebuild() throws SQLException {
        exec("ANALYZE serving.profiles_next");
        exec("""
                CREATE TEMP TABLE kept_profiles ON COMMIT DROP AS
                SELECT p.customer_id FROM serving.profiles p
                WHERE NOT EXISTS (SELECT 1 FROM serving.profiles_next n WHERE n.customer_id = p.customer_id)
                  AND NOT EXISTS (SELECT 1 FROM removed_profiles r WHERE r.customer_id = p.customer_id)""");
        Map<String, List<Index>> indexes = new HashMap<>();
        for (String t : TABLES) {
            exec("INSERT INTO serving." + t + "_next SELECT x.* FROM serving." + t + " x JOIN kept_profiles k ON k.customer_id = x.customer_id");
            indexes.put(t, indexes(t));
            for (Index i : indexes.get(t)) {
                exec(i.createOnNext(t));
            }
            exec("ANALYZE serving." + t + "_next");
        }
        exec("LOCK TABLE serving.profiles, serving.profile_keys, serving.branch_customers IN ACCESS EXCLUSIVE MODE");
        exec("DROP TABLE serving.profiles, serving.profile_keys, serving.branch_customers");
        for (String t : TABLES) {
            exec("ALTER TABLE serving." + t + "_next RENAME TO " + t);
            for (Index i : indexes.get(t)) {
                exec("ALTER INDEX serving." + i.name() + "_next RENAME TO " + i.name());
            }
        }
    }

    /** CREATE TABLE … (LIKE …) leaves out the live tables' storage parameters (toast_tuple_target). */
    private void copyStorageParameters() throws SQLException {
        for (String t : TABLES) {
            try (PreparedStatement q = c.prepareStatement("SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = ?::regclass")) {
                q.setString(1, "serving." + t);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        exec("ALTER TABLE serving." + t + "_next SET (" + rs.getString(1) + ")");
                    }
                }
            }
        }
    }

    /** An index of a live table, or the constraint it backs (a primary key). */
    private record Index(String name, String definition, String constraint) {

        String createOnNext(String table) {
            if (constraint != null) {
                return "ALTER TABLE serving." + table + "_next ADD CONSTRAINT " + name + "_next " + constraint;
            }
            String live = "INDEX " + name + " ON serving." + table + " ";
            if (!definition.contains(live)) {
                throw new IllegalStateException("unexpected index definition: " + definition);
            }
            return definition.replace(live, "INDEX " + name + "_next ON serving." + table + "_next ");
        }
    }

    private List<Index> indexes(String table) throws SQLException {
        List<Index> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT i.relname, pg_get_indexdef(i.oid), pg_get_constraintdef(k.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                WHERE x.indrelid = ?::regclass ORDER BY i.relname""")) {
            q.setString(1, "serving." + table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
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
