package io.c360.serve.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}): every
 * field is its length and its bytes, so nothing is escaped on our side or parsed on the server's
 * (a json column is only validated). Written straight into a COPY, or spooled to a file and
 * copied in later, when the connection is busy with another COPY.
 */
final class BinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final int BUFFER = 1 << 16;

    private final DataOutputStream out;
    private final PGCopyOutputStream copy;
    private final int fields;

    private BinaryCopy(OutputStream target, PGCopyOutputStream copy, int fields) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(target, BUFFER));
        this.copy = copy;
        this.fields = fields;
        out.write(HEADER);
    }

    static BinaryCopy into(Connection c, String table, List<String> columns) throws SQLException {
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql(table, columns), BUFFER);
        try {
            return new BinaryCopy(copy, copy, columns.size());
        } catch (IOException e) {
            throw sqlException(e);
        }
    }

    static BinaryCopy spool(Path file, int fields) throws IOException {
        return new BinaryCopy(Files.newOutputStream(file), null, fields);
    }

    /** Copies a finished spool file into the table. */
    static long load(Connection c, String table, List<String> columns, Path file) throws SQLException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql(table, columns), in);
        } catch (IOException e) {
            throw sqlException(e);
        }
    }

    private static String sql(String table, List<String> columns) {
        return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /** Starts the next row; its fields follow in the column order. */
    BinaryCopy row() throws IOException {
        out.writeShort(fields);
        return this;
    }

    BinaryCopy text(String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
        return this;
    }

    BinaryCopy bigint(long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
        return this;
    }

    BinaryCopy timestamptz(Instant value) throws IOException {
        out.writeInt(8);
        out.writeLong(ChronoUnit.MICROS.between(POSTGRES_EPOCH, value));
        return this;
    }

    /** Ends the rows (and the COPY). */
    void finish() throws IOException {
        out.writeShort(-1);
        out.close();
    }

    /** Abandons the COPY after a failure, so the connection can roll back. */
    void cancel() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            } else {
                out.close();
            }
        } catch (SQLException | IOException ignored) {
            // the transaction is rolled back anyway; the original failure is the one to report
        }
    }

    /** The driver reports a failed COPY as an IOException around the server's error. */
    static SQLException sqlException(IOException e) {
        return e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
    }
}
