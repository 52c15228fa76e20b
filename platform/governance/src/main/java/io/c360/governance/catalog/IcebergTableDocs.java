package io.c360.governance.catalog;

import io.c360.lake.LakeSession;
import io.c360.lake.model.PiiKind;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.types.StructField;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Table docs from the Iceberg catalog itself: the table comment, its {@value #OWNER_PROPERTY}
 * property, column comments, and PII tags from the table property {@value #PII_PROPERTY}
 * (comma-separated column names) or a column comment containing {@code [pii]} (the class is the one
 * the column name implies, else other). Descriptions are cached for {@link #CACHE_TTL} because
 * every SQL query asks for its tables' tags.
 */
public final class IcebergTableDocs implements TableDocs {

    public static final String PII_PROPERTY = "c360.pii-columns";
    public static final String OWNER_PROPERTY = "owner";
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(Optional<CatalogTable> doc, long expiresAtNanos) {
    }

    private final SparkSession spark;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public IcebergTableDocs(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public Optional<CatalogTable> describe(String namespace, String table) {
        String key = namespace.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
        Cached c = cache.get(key);
        if (c == null || c.expiresAtNanos() - System.nanoTime() < 0) {
            c = new Cached(load(namespace, table), System.nanoTime() + CACHE_TTL.toNanos());
            cache.put(key, c);
        }
        return c.doc();
    }

    private Optional<CatalogTable> load(String namespace, String name) {
        TableCatalog catalog = (TableCatalog) spark.sessionState().catalogManager().catalog(LakeSession.CATALOG);
        Table table;
        try {
            table = catalog.loadTable(Identifier.of(new String[] {namespace}, name));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
        Map<String, String> props = table.properties();
        Set<String> tagged = Arrays.stream(props.getOrDefault(PII_PROPERTY, "").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        List<CatalogColumn> columns = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            String comment = f.getComment().isDefined() ? f.getComment().get() : "";
            boolean taggedPii = tagged.contains(f.name().toLowerCase(Locale.ROOT)) || comment.toLowerCase(Locale.ROOT).contains("[pii]");
            Optional<PiiKind> pii = taggedPii ? PiiKind.ofColumn(f.name()).or(() -> Optional.of(PiiKind.OTHER)) : Optional.empty();
            columns.add(new CatalogColumn(f.name(), f.dataType().simpleString(), comment, pii));
        }
        return Optional.of(new CatalogTable(namespace, name, props.getOrDefault("comment", ""), props.getOrDefault(OWNER_PROPERTY, ""),
                "", columns));
    }
}
