package io.c360.serve.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Rows streamed into one table with {@code COPY ... FROM STDIN (FORMAT binary)}: every field is
 * its length and its bytes, so nothing is escaped on our side or parsed on the server's (a json
 * column is only validated).
 */
final class BinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final int FLUSH_BYTES = 1 << 16;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
    private final DataOutputStream out = new DataOutputStream(buffer);
    private final int fields;
    private long rows;

    private BinaryCopy(CopyIn copy, int fields) {
        this.copy = copy;
        this.fields = fields;
        buffer.writeBytes(HEADER);
    }

    static BinaryCopy into(Connection c, String table, String... columns) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)");
        return new BinaryCopy(copy, columns.length);
    }

    /** Starts the next row; its fields follow in the column order. */
    BinaryCopy row() throws SQLException {
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
        rows++;
        return write(() -> out.writeShort(fields));
    }

    BinaryCopy text(String value) {
        if (value == null) {
            return write(() -> out.writeInt(-1));
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeInt(bytes.length);
            out.write(bytes);
        });
    }

    BinaryCopy bigint(long value) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(value);
        });
    }

    BinaryCopy timestamptz(Instant value) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(ChronoUnit.MICROS.between(POSTGRES_EPOCH, value));
        });
    }

    /** Ends the COPY; returns the rows written. */
    long finish() throws SQLException {
        write(() -> out.writeShort(-1));
        flush();
        copy.endCopy();
        return rows;
    }

    /** Abandons the COPY after a failure on our side, so the connection can roll back. */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back anyway; the original failure is the one to report
        }
    }

    private void flush() throws SQLException {
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        buffer.reset();
    }

    private interface Write {
        void to() throws IOException;
    }

    private BinaryCopy write(Write w) {
        try {
            w.to();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return this;
    }
}
