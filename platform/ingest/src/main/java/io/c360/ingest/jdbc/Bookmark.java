package io.c360.ingest.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in a table ordered by a column pair, e.g. {@code (updated_at, trans_id)}: the last
 * row extracted. Timestamps keep their full precision (PostgreSQL: microseconds), so rows that
 * differ by one microsecond are never skipped nor read twice.
 */
public record Bookmark(List<String> columns, List<Object> values) {

    private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");

    /** The bookmark stored in a watermark, or null when the table was never extracted. */
    public static Bookmark from(JsonNode watermark, List<String> columns) {
        if (watermark == null || watermark.isNull() || !watermark.has(columns.get(0))) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (String c : columns) {
            values.add(value(watermark.get(c)));
        }
        return new Bookmark(columns, values);
    }

    /** Reads the bookmark columns of the current row (JDBC types to Instant, Long, BigDecimal or String). */
    public static Bookmark fromRow(List<String> columns, java.sql.ResultSet rs) throws java.sql.SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
            values.add(normalize(columns.get(i - 1), rs.getObject(i)));
        }
        return new Bookmark(columns, values);
    }

    private static Object normalize(String column, Object v) throws java.sql.SQLException {
        if (v == null) {
            throw new java.sql.SQLException("bookmark column " + column + " is NULL in a row");
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        return v instanceof BigDecimal ? v : v.toString();
    }

    public JsonNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Long l) {
                n.put(columns.get(i), l);
            } else if (v instanceof BigDecimal d) {
                n.put(columns.get(i), d);
            } else {
                n.put(columns.get(i), v.toString());
            }
        }
        return n;
    }

    /** SQL predicate: rows strictly after this bookmark in (c1, c2) order. */
    public String after() {
        return compare(">", ">");
    }

    /** SQL predicate: rows at or before this bookmark in (c1, c2) order. */
    public String atOrBefore() {
        return compare("<", "<=");
    }

    private String compare(String first, String last) {
        String c1 = columns.get(0);
        String c2 = columns.get(1);
        String v1 = literal(values.get(0));
        return "(" + c1 + " " + first + " " + v1 + " OR (" + c1 + " = " + v1 + " AND " + c2 + " " + last + " "
                + literal(values.get(1)) + "))";
    }

    private static String literal(Object v) {
        if (v instanceof Instant i) {
            return "TIMESTAMP WITH TIME ZONE '" + SQL_TIMESTAMP.format(i.atOffset(ZoneOffset.UTC)) + "+00:00'";
        }
        if (v instanceof Long l) {
            return l.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    private static Object value(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return node.asText();
        }
    }
}
