package io.c360.runtime.sources;

/**
 * One column of a declared layout.
 *
 * @param format   java.time pattern for date/timestamp columns, else null
 * @param width    characters of a fixed-width column, else 0
 * @param optional true when older files may lack the column (it is read as null)
 */
public record ColumnSpec(String name, ColumnType type, String format, int width, boolean optional) {
}
