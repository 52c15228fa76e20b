package io.c360.sources;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CRM system's own database ({@code crm}): one row per customer record with its JSON document
 * as the API serves it. Owned by the simulator; the platform reads CRM only through the API.
 */
public final class CrmStore {

    public static final String DATABASE = "crm";

    /** One customer document with its position in the API order. */
    public record Entry(long clientId, Instant updatedAt, String document) {
    }

    private final DataSource dataSource;

    public CrmStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Drops every customer: the start of a fresh history. */
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (client_id BIGINT NOT NULL, updated_at TIMESTAMPTZ(3) NOT NULL, doc TEXT NOT NULL)");
        }
    }

    /** Bulk load of a fresh history; call {@link #finishLoad()} afterwards. */
    CopyStream bulkLoad(Connection connection) throws SQLException {
        return new CopyStream(connection, "COPY customers (client_id, updated_at, doc) FROM STDIN");
    }

    void finishLoad() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE customers ADD PRIMARY KEY (client_id)");
            s.execute("CREATE INDEX customers_updated ON customers (updated_at, client_id)");
            s.execute("ANALYZE customers");
        }
    }

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Up to {@code limit} entries with {@code updated_at >= since}, strictly after the position
     * {@code (afterUpdatedAt, afterClientId)} when given, ordered by (updated_at, client_id).
     */
    public List<Entry> page(Instant since, Instant afterUpdatedAt, long afterClientId, int limit) throws SQLException {
        Instant from = afterUpdatedAt == null ? since : afterUpdatedAt;
        long afterId = afterUpdatedAt == null ? Long.MIN_VALUE : afterClientId;
        String sql = "SELECT client_id, updated_at, doc FROM customers WHERE updated_at >= ? AND (updated_at, client_id) > (?, ?)"
                + " ORDER BY updated_at, client_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, utc(since));
            q.setObject(2, utc(from));
            q.setLong(3, afterId);
            q.setInt(4, limit);
            List<Entry> out = new ArrayList<>(limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
                }
            }
            return out;
        }
    }

    /** Documents of the given client ids that exist. */
    List<Entry> find(long[] clientIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT client_id, updated_at, doc FROM customers WHERE client_id = ANY (?) ORDER BY client_id")) {
            Long[] boxed = java.util.Arrays.stream(clientIds).boxed().toArray(Long[]::new);
            q.setArray(1, c.createArrayOf("bigint", boxed));
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
                }
            }
            return out;
        }
    }

    /** Inserts new customers or replaces changed ones (continuous mode). */
    void upsert(Map<Long, Entry> entries) throws SQLException {
        String sql = "INSERT INTO customers (client_id, updated_at, doc) VALUES (?, ?, ?)"
                + " ON CONFLICT (client_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, doc = EXCLUDED.doc";
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
            for (Entry e : entries.values()) {
                u.setLong(1, e.clientId());
                u.setObject(2, utc(e.updatedAt()));
                u.setString(3, e.document());
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
