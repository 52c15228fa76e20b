package io.c360.ingest.file;

import java.util.Set;

/**
 * Result of checking a file against its declared layout: readable (with its record count and,
 * for self-describing formats, the field names seen) or not (with the reason, naming the line).
 */
public record ShapeCheck(boolean readable, long records, Set<String> fieldNames, String schema, String reason) {

    public static ShapeCheck ok(long records) {
        return new ShapeCheck(true, records, Set.of(), null, null);
    }

    public static ShapeCheck ok(long records, Set<String> fieldNames) {
        return new ShapeCheck(true, records, Set.copyOf(fieldNames), null, null);
    }

    public static ShapeCheck okWithSchema(long records, String schema) {
        return new ShapeCheck(true, records, Set.of(), schema, null);
    }

    public static ShapeCheck unreadable(String reason) {
        return new ShapeCheck(false, 0, Set.of(), null, reason);
    }
}
