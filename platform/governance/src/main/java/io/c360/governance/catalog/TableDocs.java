package io.c360.serve.catalog;

import io.c360.serve.pii.PiiKind;

import java.util.Optional;

/**
 * Documentation of lake tables: descriptions, column definitions and PII tags. The server reads
 * Iceberg table and column comments ({@link IcebergTableDocs}); the lake's model YAML files can
 * provide a richer implementation later, without the server changing.
 */
public interface TableDocs {

    /** The table's documentation, or empty when there is no such table. */
    Optional<TableDoc> describe(String namespace, String table);

    /**
     * The PII tag of a column. {@code qualifiedTable} is {@code catalog.namespace.table} or
     * {@code namespace.table} as Spark names it, or null when the column does not come from a lake table.
     */
    default Optional<PiiKind> piiKind(String qualifiedTable, String column) {
        if (qualifiedTable == null) {
            return Optional.empty();
        }
        String[] parts = qualifiedTable.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        return describe(parts[parts.length - 2], parts[parts.length - 1]).flatMap(t -> t.column(column)).flatMap(ColumnDoc::pii);
    }
}
