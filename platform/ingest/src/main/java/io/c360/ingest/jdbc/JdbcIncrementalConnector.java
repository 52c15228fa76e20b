package io.c360.ingest.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.ingest.BatchRecord;
import io.c360.ingest.ContentHash;
import io.c360.ingest.EntityLanding;
import io.c360.ingest.IngestFailure;
import io.c360.ingest.RetryPolicy;
import io.c360.ingest.SchemaFingerprint;
import io.c360.ingest.file.ParquetShape;
import io.c360.ingest.file.ShapeCheck;
import io.c360.ingest.raw.StagedBatch;
import io.c360.runtime.ConfigException;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest.RawFile;
import io.c360.runtime.sources.EntityLayout;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Extracts a table incrementally into Parquet: every row after the stored bookmark (a column
 * pair such as {@code (updated_at, trans_id)}, so both inserts and updates are picked up) up to
 * the table's current last row, which becomes the new bookmark. Large extracts (the first full
 * load: more than {@code parallel-above-rows}) are read in {@code partitions} parallel ranges of
 * the partition column by Spark's JDBC source.
 */
public final class JdbcIncrementalConnector {

    public static final String NAME = "jdbc";

    private final SparkSession spark;
    private final SourceDatabase db;
    private final RetryPolicy retry;
    private final int fetchSize;

    public JdbcIncrementalConnector(SparkSession spark, SourceDatabase db, RetryPolicy retry, int fetchSize) {
        this.spark = spark;
        this.db = db;
        this.retry = retry;
        this.fetchSize = fetchSize;
        // standard Parquet timestamps (microseconds, like PostgreSQL) rather than Spark's legacy INT96
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    }

    public List<BatchRecord> land(EntityLayout layout, EntityLanding landing, Progress.Step step) {
        Extract extract = Extract.of(layout);
        JsonNode before = landing.state().watermark();
        Bookmark lower = Bookmark.from(before, extract.bookmark());
        Instant started = Instant.now();
        try (StagedBatch batch = landing.newBatch()) {
            try {
                Range range = range(extract, lower);
                if (range == null || range.rows() == 0) {
                    return List.of();
                }
                org.apache.hadoop.fs.Path extractDir = landing.extractDir(batch);
                String fingerprint = read(extract, range, extractDir);
                stageParts(landing.rawFileSystem(), extractDir, batch, extract);
                step.add(batch.records());
                return List.of(landing.commit(batch, NAME, "parquet", fingerprint, null, before, range.upper().toJson()));
            } catch (IngestFailure e) {
                return List.of(landing.fail(NAME, started, before, landing.source() + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                return List.of(landing.fail(NAME, started, before, landing.source() + ": extracting " + extract.table()
                        + " from " + db.displayUrl() + " failed: " + rootMessage(e)));
            }
        }
    }

    /** Table, bookmark pair and partitioning of an entity (its {@code sources:} settings). */
    record Extract(String table, List<String> bookmark, String partitionColumn, int partitions, long parallelAboveRows) {
        static Extract of(EntityLayout layout) {
            JsonNode s = layout.settings();
            String where = "sources." + layout.source() + ".entities." + layout.entity();
            String table = s.path("table").asText("");
            List<String> bookmark = new ArrayList<>();
            s.path("bookmark").forEach(c -> bookmark.add(c.asText()));
            if (table.isBlank() || bookmark.size() != 2) {
                throw new ConfigException(where + ": a jdbc entity needs 'table' and a 'bookmark' of two columns "
                        + "(a change timestamp and a unique key), e.g. [updated_at, id]");
            }
            Stream.concat(Stream.of(table, s.path("partition-column").asText(bookmark.get(1))), bookmark.stream())
                    .filter(n -> !n.matches("[A-Za-z_][A-Za-z0-9_.]*"))
                    .findFirst().ifPresent(n -> {
                        throw new ConfigException(where + ": '" + n + "' is not a plain table or column name");
                    });
            return new Extract(table, List.copyOf(bookmark), s.path("partition-column").asText(bookmark.get(1)),
                    Math.max(1, s.path("partitions").asInt(4)), s.path("parallel-above-rows").asLong(200_000));
        }
    }

    /** The rows to extract: after {@code lower} (or from the start), up to and including {@code upper}. */
    record Range(Bookmark lower, Bookmark upper, long rows, long minKey, long maxKey) {
        String predicate() {
            return (lower == null ? "" : lower.after() + " AND ") + upper.atOrBefore();
        }
    }

    private Range range(Extract extract, Bookmark lower) {
        return retry.run("connecting to " + db.displayUrl(), () -> {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                String cols = String.join(", ", extract.bookmark());
                String order = extract.bookmark().stream().map(b -> b + " DESC").collect(Collectors.joining(", "));
                Bookmark upper;
                try (ResultSet rs = st.executeQuery("SELECT " + cols + " FROM " + extract.table()
                        + (lower == null ? "" : " WHERE " + lower.after()) + " ORDER BY " + order + " FETCH FIRST 1 ROWS ONLY")) {
                    if (!rs.next()) {
                        return null;
                    }
                    upper = Bookmark.fromRow(extract.bookmark(), rs);
                }
                Range probe = new Range(lower, upper, 0, 0, 0);
                try (ResultSet rs = st.executeQuery("SELECT count(*), min(" + extract.partitionColumn() + "), max("
                        + extract.partitionColumn() + ") FROM " + extract.table() + " WHERE " + probe.predicate())) {
                    rs.next();
                    return new Range(lower, upper, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw new RetryPolicy.Retryable(e.getMessage(), e);
                }
                throw new IngestFailure("reading " + extract.table() + " from " + db.displayUrl() + " failed: " + e.getMessage(), e);
            }
        });
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    /**
     * Reads the range with Spark's JDBC source into Parquet under {@code dir} (on the raw zone's file
     * system, which every executor of a cluster reaches); returns the fingerprint.
     */
    private String read(Extract extract, Range range, org.apache.hadoop.fs.Path dir) {
        DataFrameReader reader = spark.read().format("jdbc")
                .option("url", db.url())
                .option("user", db.user())
                .option("password", db.password())
                .option("dbtable", "(SELECT * FROM " + extract.table() + " WHERE " + range.predicate() + ") c360_extract")
                .option("fetchsize", fetchSize);
        if (range.rows() > extract.parallelAboveRows() && extract.partitions() > 1) {
            reader = reader.option("partitionColumn", extract.partitionColumn())
                    .option("lowerBound", range.minKey())
                    .option("upperBound", range.maxKey() + 1)
                    .option("numPartitions", extract.partitions());
        }
        Dataset<Row> rows = reader.load();
        rows.write().mode("overwrite").option("compression", "snappy").parquet(dir.toString());
        return SchemaFingerprint.ofDescription(Arrays.stream(rows.schema().fields())
                .map(JdbcIncrementalConnector::describe).collect(Collectors.joining(",")));
    }

    private static String describe(StructField f) {
        return f.name() + ":" + f.dataType().simpleString();
    }

    /** Brings Spark's part files into the staged batch under stable names, with their sha256 and row counts. */
    private static void stageParts(FileSystem fs, org.apache.hadoop.fs.Path extractDir, StagedBatch batch, Extract extract) {
        try {
            List<org.apache.hadoop.fs.Path> parts = Arrays.stream(fs.listStatus(extractDir)).map(FileStatus::getPath)
                    .filter(p -> p.getName().startsWith("part-") && p.getName().endsWith(".parquet")).sorted().toList();
            ParquetShape shape = new ParquetShape();
            for (int i = 0; i < parts.size(); i++) {
                Path target = batch.dir().resolve(String.format("%s-%05d.parquet", extract.table(), i));
                try (InputStream in = fs.open(parts.get(i))) {
                    Files.copy(in, target);
                }
                ShapeCheck check = shape.check(target);
                if (!check.readable()) {
                    throw new IngestFailure("the extract file " + target + " is unreadable: " + check.reason());
                }
                batch.add(new RawFile(target.getFileName().toString(), Files.size(target), ContentHash.of(target),
                        check.records(), "table " + extract.table()));
            }
            fs.delete(extractDir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the extract " + extractDir + " into " + batch.dir() + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
