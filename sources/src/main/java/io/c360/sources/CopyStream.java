package io.c360.sources;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows streamed into a PostgreSQL {@code COPY ... FROM STDIN} (text format), buffered in chunks so
 * that memory stays flat however many rows go through.
 */
final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstField = true;
    private long rows;

    CopyStream(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    CopyStream field(long value) {
        separator();
        buffer.append(value);
        return this;
    }

    /** A NUMERIC(…,2) written from cents. */
    CopyStream cents(long cents) {
        separator();
        Money.append(buffer, cents);
        return this;
    }

    /** A TIMESTAMPTZ as {@code yyyy-mm-dd hh:mm:ss.fff+00}, without the cost of a formatter. */
    CopyStream instant(java.time.Instant t) {
        separator();
        long seconds = t.getEpochSecond();
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        buffer.append(day.getYear()).append('-');
        two(day.getMonthValue()).append('-');
        two(day.getDayOfMonth()).append(' ');
        two(secondOfDay / 3600).append(':');
        two(secondOfDay / 60 % 60).append(':');
        two(secondOfDay % 60).append('.');
        int millis = t.getNano() / 1_000_000;
        buffer.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        buffer.append("+00");
        return this;
    }

    private StringBuilder two(int v) {
        return buffer.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    CopyStream field(String value) {
        separator();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstField = true;
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    long rows() {
        return rows;
    }

    private void separator() {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** Sends the rest and completes the COPY. */
    @Override
    public void close() throws SQLException {
        if (!copy.isActive()) {
            return;
        }
        flush();
        copy.endCopy();
    }
}
