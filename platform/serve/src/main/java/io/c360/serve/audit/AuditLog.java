package io.c360.serve.audit;

import io.c360.runtime.PostgresService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The audit log of personal-data access: table {@code ops_audit_log} in PostgreSQL database c360.
 * Requests only enqueue their event; one writer thread inserts them in batches (at most
 * {@link #FLUSH_MILLIS} ms later), so auditing adds no database round trip to a profile lookup.
 * {@link #close()} and {@link #flush()} write everything still queued.
 */
public final class AuditLog implements AutoCloseable {

    static final long FLUSH_MILLIS = 200;
    private static final int BATCH = 1000;

    private final DataSource db;
    private final LinkedBlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    private AuditLog(DataSource db) {
        this.db = db;
        this.writer = new Thread(this::writeLoop, "c360-audit-writer");
        writer.setDaemon(true);
    }

    public static AuditLog open(PostgresService postgres) {
        AuditLog log = new AuditLog(postgres.dataSource("c360"));
        log.createTable();
        log.writer.start();
        return log;
    }

    private void createTable() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS ops_audit_log (
                      id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, key_id TEXT NOT NULL, key_name TEXT,
                      role TEXT NOT NULL, action TEXT NOT NULL, customer_id TEXT, detail TEXT, masked BOOLEAN NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS ops_audit_log_customer ON ops_audit_log (customer_id, at)");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create table ops_audit_log: " + e.getMessage(), e);
            }
        }
    }

    public void record(AuditEvent event) {
        if (!open) {
            throw new IllegalStateException("audit log is closed");
        }
        queue.add(event);
    }

    /** Writes every event recorded so far. */
    public synchronized void flush() {
        List<AuditEvent> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
    }

    /** The latest events, newest first, optionally of one customer. */
    public List<AuditEvent> recent(String customerId, int limit) {
        flush();
        String sql = "SELECT at, key_id, key_name, role, action, customer_id, detail, masked FROM ops_audit_log"
                + (customerId == null ? "" : " WHERE customer_id = ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            if (customerId != null) {
                q.setString(i++, customerId);
            }
            q.setInt(i, limit);
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /**
     * Right to erasure: the details of past events (search texts, SQL) that contain one of these
     * values (lower-case) are replaced by {@code [erased]}; who accessed what and when stays.
     * Returns the number of events redacted.
     */
    public int redact(List<String> values) {
        flush();
        if (values.isEmpty()) {
            return 0;
        }
        String[] patterns = values.stream().map(v -> "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toArray(String[]::new);
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "UPDATE ops_audit_log SET detail = '[erased]' WHERE lower(detail) LIKE ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", patterns));
            int n = q.executeUpdate();
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ops_audit_log");
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot redact the audit log: " + e.getMessage(), e);
        }
    }

    private void writeLoop() {
        while (open || !queue.isEmpty()) {
            try {
                Thread.sleep(FLUSH_MILLIS);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("c360: audit events not written yet, retrying: " + e.getMessage());
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<AuditEvent> batch) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "INSERT INTO ops_audit_log (at, key_id, key_name, role, action, customer_id, detail, masked) VALUES (?,?,?,?,?,?,?,?)")) {
            for (AuditEvent e : batch) {
                q.setTimestamp(1, Timestamp.from(e.at()));
                q.setString(2, e.keyId());
                q.setString(3, e.keyName());
                q.setString(4, e.role());
                q.setString(5, e.action());
                q.setString(6, e.customerId());
                q.setString(7, e.detail());
                q.setBoolean(8, e.masked());
                q.addBatch();
            }
            q.executeBatch();
        } catch (SQLException e) {
            queue.addAll(batch);
            throw new IllegalStateException("cannot write " + batch.size() + " audit events: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
