package io.c360.ingest;

import io.c360.runtime.sources.ColumnSpec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The {@code schema_fingerprint} of a manifest: sha256 of the ordered column names and types. */
public final class SchemaFingerprint {

    private SchemaFingerprint() {
    }

    public static String ofColumns(List<ColumnSpec> columns) {
        return ContentHash.of(columns.stream()
                .map(c -> c.name() + ":" + c.type().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")));
    }

    /** For self-describing records (JSON) without declared columns: the sorted field names seen. */
    public static String ofFieldNames(Collection<String> names) {
        return ContentHash.of(String.join(",", new TreeSet<>(names)));
    }

    /** For typed extracts: the description as given (e.g. "name:type" pairs in order). */
    public static String ofDescription(String description) {
        return ContentHash.of(description);
    }
}
