package io.c360.governance.catalog;

import io.c360.governance.lineage.Datasets;
import io.c360.governance.lineage.FeedingBatches;
import io.c360.governance.lineage.LineageGraph;
import io.c360.governance.lineage.ModelLineage;
import io.c360.lake.LakeSession;
import io.c360.lake.model.Model;
import io.c360.lake.model.ModelProject;
import io.c360.lake.ops.DqResults;
import io.c360.lake.quality.DataTest;
import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The catalog of the lake: every raw entity and every table of stage, analytics and ops — built
 * or only declared by a model — with its documentation ({@link LakeTableDocs}), row count, last
 * update, freshness and latest data-quality results, and a search over names, descriptions and
 * classes of personal data. It also holds the models' lineage, derived once and again while some
 * model's inputs do not exist yet.
 */
public final class LakeCatalog {

    /** The zones in the order they are listed. */
    public static final List<String> ZONES = List.of(Datasets.RAW, "stage", "analytics", "ops");
    static final Duration RETRY_INCOMPLETE_LINEAGE = Duration.ofMinutes(1);

    /** One table in a listing. */
    public record TableName(String zone, String name) {

        public String dataset() {
            return zone + "." + name;
        }
    }

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final RawZone raw;
    private final List<ModelProject> projects;
    private final LakeTableDocs docs;
    private final double staleAfterHours;
    private LineageGraph lineage;
    private Instant lineageDerivedAt;

    public LakeCatalog(SparkSession spark, SourceDefinitions sources, RawZone raw, List<ModelProject> projects, double staleAfterHours) {
        this.spark = spark;
        this.sources = sources;
        this.raw = raw;
        this.projects = projects;
        this.staleAfterHours = staleAfterHours;
        List<Model> models = projects.stream().flatMap(p -> p.models().stream()).toList();
        this.docs = new LakeTableDocs(spark, sources, models, new IcebergTableDocs(spark), this::lineage);
    }

    /** The catalog of a workspace with the packaged stage and analytics models. */
    public static LakeCatalog open(SparkSession spark, C360Config config) {
        return new LakeCatalog(spark, SourceDefinitions.from(config), RawZone.of(config, spark),
                List.of(ModelProject.fromClasspath("stage"), ModelProject.fromClasspath("analytics")),
                Double.parseDouble(config.find("governance.stale-after-hours").orElse("36")));
    }

    public TableDocs docs() {
        return docs;
    }

    /**
     * The models' lineage. While some model could not be analyzed (e.g. the identity map did not
     * exist yet) it is derived again, at most once per {@link #RETRY_INCOMPLETE_LINEAGE}.
     */
    public synchronized LineageGraph lineage() {
        boolean retry = lineage != null && !lineage.unavailable().isEmpty()
                && Duration.between(lineageDerivedAt, Instant.now()).compareTo(RETRY_INCOMPLETE_LINEAGE) > 0;
        if (lineage == null || retry) {
            lineage = ModelLineage.analyze(spark, sources, projects, LocalDate.now(ZoneOffset.UTC).toString());
            lineageDerivedAt = Instant.now();
        }
        return lineage;
    }

    /** The raw batches merged by the models at or upstream of {@code dataset}: the {@code latest} newest per model. */
    public List<FeedingBatches> feedingBatches(String dataset, int latest) {
        return FeedingBatches.of(spark, lineage().rawReaders(dataset), latest);
    }

    public List<TableName> tables() {
        TreeSet<String> datasets = new TreeSet<>();
        docs.rawTables().forEach(t -> datasets.add(Datasets.RAW + "." + t));
        docs.models().forEach(m -> datasets.add(m.table()));
        TableCatalog catalog = icebergCatalog();
        for (String ns : LakeSession.NAMESPACES) {
            try {
                for (Identifier id : catalog.listTables(new String[] {ns})) {
                    datasets.add(ns + "." + id.name());
                }
            } catch (NoSuchNamespaceException e) {
                // a namespace nobody has written to yet has no tables
            }
        }
        return datasets.stream().map(d -> new TableName(d.substring(0, d.indexOf('.')), d.substring(d.indexOf('.') + 1)))
                .sorted(Comparator.comparing((TableName t) -> ZONES.indexOf(t.zone())).thenComparing(TableName::name)).toList();
    }

    public Optional<CatalogTable> describe(String zone, String table) {
        if (!ZONES.contains(zone.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return docs.describe(zone, table);
    }

    /** The full entry of a table: documentation, row count, last update, freshness and data quality. */
    public Optional<CatalogEntry> entry(String zone, String table) {
        return describe(zone, table).map(t -> new CatalogEntry(t, status(t), quality(t.dataset(), latestTests())));
    }

    /** The entries of every table (the test results are read once). */
    public List<CatalogEntry> entries() {
        List<Row> tests = latestTests();
        return tables().stream().flatMap(n -> describe(n.zone(), n.name()).stream())
                .map(t -> new CatalogEntry(t, status(t), quality(t.dataset(), tests))).toList();
    }

    /**
     * Tables and columns whose name, description or class of personal data contains {@code term}
     * (case-insensitive), e.g. {@code email} finds every column classified as an e-mail.
     */
    public List<SearchHit> search(String term) {
        String q = term.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            throw new IllegalArgumentException("search needs a term, e.g. email");
        }
        List<SearchHit> hits = new ArrayList<>();
        for (TableName name : tables()) {
            Optional<CatalogTable> doc = describe(name.zone(), name.name());
            if (doc.isEmpty()) {
                continue;
            }
            CatalogTable t = doc.get();
            if (matches(q, t.name(), t.description())) {
                hits.add(new SearchHit(t.zone(), t.name(), null, null, null, t.description()));
            }
            for (CatalogColumn c : t.columns()) {
                String pii = c.pii().map(k -> k.label()).orElse(null);
                if (matches(q, c.name(), c.description(), pii)) {
                    hits.add(new SearchHit(t.zone(), t.name(), c.name(), c.type(), pii, c.description()));
                }
            }
        }
        return hits;
    }

    private static boolean matches(String q, String... fields) {
        for (String f : fields) {
            if (f != null && f.toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return false;
    }

    private CatalogEntry.Status status(CatalogTable t) {
        Optional<Long> rows;
        Optional<Instant> updated;
        if (t.zone().equals(Datasets.RAW)) {
            EntityLayout layout = sources.entities().stream().filter(e -> e.qualifiedName().equals(t.name())).findFirst().orElseThrow();
            List<RawBatch> batches = raw.batches(layout.source(), layout.entity());
            rows = Optional.of(batches.stream().mapToLong(b -> b.manifest().recordCount()).sum());
            updated = batches.stream().map(b -> Instant.parse(b.ingestedAt())).max(Comparator.naturalOrder());
        } else {
            Optional<Snapshot> snapshot = snapshot(t.zone(), t.name());
            rows = snapshot.map(s -> Long.parseLong(s.summary().getOrDefault("total-records", "0")))
                    .or(() -> tableExists(t) ? Optional.of(0L) : Optional.empty());
            updated = snapshot.map(s -> Instant.ofEpochMilli(s.timestampMillis()));
        }
        double maxAge = maxAgeHours(t.dataset());
        String freshness = updated.map(u -> Duration.between(u, Instant.now()).toMinutes() / 60.0 > maxAge ? "stale" : "fresh")
                .orElse("never updated");
        return new CatalogEntry.Status(rows, updated, freshness, maxAge);
    }

    /** The model's own freshness test decides, else {@code governance.stale-after-hours}. */
    private double maxAgeHours(String dataset) {
        return docs.models().stream().filter(m -> m.table().equals(dataset)).flatMap(m -> m.spec().tests().stream())
                .filter(test -> test.kind().equals("freshness")).map(DataTest::args)
                .map(a -> a.path("max_age_hours").asDouble(staleAfterHours)).findFirst().orElse(staleAfterHours);
    }

    /** Each model's test results of its latest run; none before the first run. */
    private List<Row> latestTests() {
        return spark.catalog().tableExists(DqResults.TABLE) ? new DqResults(spark).latest() : List.of();
    }

    private static List<CatalogEntry.QualityResult> quality(String dataset, List<Row> tests) {
        List<CatalogEntry.QualityResult> out = new ArrayList<>();
        for (Row r : tests) {
            if (dataset.equals(r.getString(0))) {
                out.add(new CatalogEntry.QualityResult(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(6)));
            }
        }
        return out;
    }

    private boolean tableExists(CatalogTable t) {
        return spark.catalog().tableExists(LakeSession.CATALOG + "." + t.dataset());
    }

    private Optional<Snapshot> snapshot(String zone, String name) {
        try {
            Table table = icebergCatalog().loadTable(Identifier.of(new String[] {zone}, name));
            return table instanceof SparkTable st ? Optional.ofNullable(st.table().currentSnapshot()) : Optional.empty();
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    private TableCatalog icebergCatalog() {
        return (TableCatalog) spark.sessionState().catalogManager().catalog(LakeSession.CATALOG);
    }
}
