package io.c360.governance.catalog;

import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.ColumnRef;
import io.c360.governance.lineage.Datasets;
import io.c360.governance.lineage.LineageGraph;
import io.c360.lake.model.ColumnDoc;
import io.c360.lake.model.Model;
import io.c360.lake.model.PiiKind;
import io.c360.lake.raw.RawReader;
import io.c360.lake.raw.RawViews;
import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinition;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The catalog's documentation of every table, from what already describes it — never a second,
 * hand-kept list:
 * <ul>
 *   <li>stage and analytics models: their YAML (description, owner, column definitions and
 *   classes of personal data) over the Iceberg table (actual columns and types; a comment or PII
 *   tag set on the table itself comes first, the YAML's owner before the user Spark recorded);</li>
 *   <li>raw entities: the declared source layout (fields, connector, owner); a raw field holds the
 *   personal data of the stage column computed from it (column lineage);</li>
 *   <li>other lake tables (identity, ops): the Iceberg metadata.</li>
 * </ul>
 * Columns no document classifies are judged by name ({@link PiiKind#ofColumn}).
 */
public final class LakeTableDocs implements TableDocs {

    private static final Map<String, String> RAW_LINEAGE_COLUMNS = Map.of(
            RawReader.BATCH_ID, "Raw batch the record was landed in.",
            RawReader.SOURCE_FILE, "File of the batch the record comes from.",
            RawReader.INGESTED_AT, "When its raw batch was complete (manifest finished_at).",
            RawReader.RAW_LINE, "Line number in the file (1-based; null for Parquet).",
            RawReader.RAW_RECORD, "The record as delivered.");

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final Map<String, Model> models;
    private final TableDocs iceberg;
    private final Supplier<LineageGraph> lineage;
    private final Map<String, CatalogTable> rawDocs = new ConcurrentHashMap<>();

    public LakeTableDocs(SparkSession spark, SourceDefinitions sources, List<Model> models, TableDocs iceberg,
                         Supplier<LineageGraph> lineage) {
        this.spark = spark;
        this.sources = sources;
        this.models = new LinkedHashMap<>();
        models.forEach(m -> this.models.put(m.table(), m));
        this.iceberg = iceberg;
        this.lineage = lineage;
    }

    @Override
    public Optional<CatalogTable> describe(String zone, String table) {
        String z = zone.toLowerCase(Locale.ROOT);
        if (z.equals(Datasets.RAW)) {
            return rawEntity(table).map(layout -> rawDocs.computeIfAbsent(table, t -> raw(layout)));
        }
        Optional<CatalogTable> stored = iceberg.describe(z, table);
        Model model = models.get(z + "." + table);
        if (model != null) {
            return Optional.of(model(model, stored));
        }
        return stored.map(LakeTableDocs::withNamedPii);
    }

    /** The raw entities, as {@code raw.<source>__<entity>} table names. */
    public List<String> rawTables() {
        return sources.entities().stream().map(EntityLayout::qualifiedName).toList();
    }

    public List<Model> models() {
        return List.copyOf(models.values());
    }

    private Optional<EntityLayout> rawEntity(String table) {
        return sources.entities().stream().filter(e -> e.qualifiedName().equalsIgnoreCase(table)).findFirst();
    }

    private static CatalogTable model(Model m, Optional<CatalogTable> stored) {
        Map<String, ColumnDoc> documented = new LinkedHashMap<>();
        m.spec().columns().forEach(c -> documented.put(c.name().toLowerCase(Locale.ROOT), c));
        List<CatalogColumn> columns = new ArrayList<>();
        for (CatalogColumn c : stored.map(CatalogTable::columns).orElse(List.of())) {
            ColumnDoc doc = documented.remove(c.name().toLowerCase(Locale.ROOT));
            if (doc == null) {
                columns.add(c.withPii(c.pii().or(() -> PiiKind.ofColumn(c.name()))));
            } else {
                columns.add(new CatalogColumn(c.name(), c.type(), c.description().isEmpty() ? doc.description() : c.description(),
                        c.pii().or(doc::pii)));
            }
        }
        documented.values().forEach(doc -> columns.add(new CatalogColumn(doc.name(), doc.type(), doc.description(), doc.pii())));
        String description = stored.map(CatalogTable::description).filter(d -> !d.isEmpty()).orElse(m.spec().description().trim());
        // Spark records the creating OS user as the table's owner property: the model's declared owner comes first
        String owner = !m.spec().owner().isEmpty() ? m.spec().owner() : stored.map(CatalogTable::owner).orElse("");
        return new CatalogTable(m.zone(), m.name(), description, owner, "models/" + m.zone() + "/" + m.name() + ".sql", columns);
    }

    private static CatalogTable withNamedPii(CatalogTable t) {
        return new CatalogTable(t.zone(), t.name(), t.description(), t.owner(), t.builtBy(),
                t.columns().stream().map(c -> c.withPii(c.pii().or(() -> PiiKind.ofColumn(c.name())))).toList());
    }

    private CatalogTable raw(EntityLayout layout) {
        SourceDefinition source = sources.get(layout.source());
        String dataset = Datasets.raw(layout.source(), layout.entity());
        Map<String, ColumnSpec> declared = new LinkedHashMap<>();
        layout.columns().forEach(c -> declared.put(c.name(), c));
        List<CatalogColumn> columns = new ArrayList<>();
        for (StructField f : new RawReader(spark).read(layout, List.of()).rows().schema().fields()) {
            if (f.name().equals(RawReader.PARSE_ERROR)) {
                continue;
            }
            ColumnSpec spec = declared.get(f.name());
            String description = RAW_LINEAGE_COLUMNS.getOrDefault(f.name(), spec != null
                    ? "Declared " + spec.type().name().toLowerCase(Locale.ROOT) + (spec.format() != null ? " (" + spec.format() + ")" : "")
                    + (spec.optional() ? ", optional" : "") + "; kept as delivered."
                    : "Field of the delivered JSON record, as text (layout in raw-json-schemas.yml).");
            columns.add(new CatalogColumn(f.name(), f.dataType().simpleString(), description,
                    PiiKind.ofColumn(f.name()).or(() -> piiComputedFrom(new ColumnRef(dataset, f.name())))));
        }
        String description = "Raw " + layout.entity() + " of " + layout.source() + " as landed by the "
                + source.kind().name().toLowerCase(Locale.ROOT) + " connector (" + layout.format().name().toLowerCase(Locale.ROOT)
                + "), every batch kept unchanged; in SQL: " + RawViews.viewName(layout) + ".";
        return new CatalogTable(Datasets.RAW, layout.qualifiedName(), description, source.settings().path("owner").asText(""),
                source.kind().name().toLowerCase(Locale.ROOT) + " connector", columns);
    }

    /** The class of the first documented PII column whose value is computed from this raw field. */
    private Optional<PiiKind> piiComputedFrom(ColumnRef rawField) {
        LineageGraph graph = lineage.get();
        for (String reader : graph.downstream(rawField.dataset())) {
            Model m = models.get(reader);
            Optional<LineageGraph.ModelTable> table = graph.model(reader);
            if (m == null || table.isEmpty()) {
                continue;
            }
            for (ColumnDoc doc : m.spec().columns()) {
                boolean fromField = table.get().column(doc.name()).stream().flatMap(o -> o.inputs().stream())
                        .anyMatch(in -> in.direct() && in.from().equals(rawField) && in.subtype() != ColumnInput.Subtype.AGGREGATION);
                if (fromField && doc.pii().isPresent()) {
                    return doc.pii();
                }
            }
        }
        return Optional.empty();
    }
}
