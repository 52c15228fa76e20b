package io.c360.governance.catalog;

import io.c360.lake.model.PiiKind;

import java.util.Optional;

/**
 * Documentation of lake tables: descriptions, column definitions and classes of personal data.
 * {@link LakeTableDocs} combines the model YAML files, the raw layouts and the Iceberg metadata;
 * {@link IcebergTableDocs} reads the Iceberg metadata alone.
 */
public interface TableDocs {

    /** The table's documentation, or empty when there is no such table. */
    Optional<CatalogTable> describe(String zone, String table);

    /**
     * The class of personal data of a column. {@code qualifiedTable} is {@code catalog.zone.table} or
     * {@code zone.table} as Spark names it, or null when the column does not come from a lake table.
     */
    default Optional<PiiKind> piiKind(String qualifiedTable, String column) {
        if (qualifiedTable == null) {
            return Optional.empty();
        }
        String[] parts = qualifiedTable.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        return describe(parts[parts.length - 2], parts[parts.length - 1]).flatMap(t -> t.column(column)).flatMap(CatalogColumn::pii);
    }
}
