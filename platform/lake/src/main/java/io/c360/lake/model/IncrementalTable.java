package io.c360.lake.model;

import io.c360.lake.MergeOnRead;
import io.c360.lake.quality.RepeatedHashes;
import io.c360.lake.raw.RawReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * An Iceberg table kept one row per business key (or rebuilt whole, for models built from other models): new rows are reduced to the latest version of
 * each key (by the model's {@code latest_by} columns, then raw batch order, then raw line) and
 * MERGEd; a version older than the stored one never overwrites it, so re-reading batches in any
 * order gives the same table. Columns new in the rows are added to the table first.
 */
final class IncrementalTable {

    private static final String GONE = "__c360_gone";
    private final SparkSession spark;

    IncrementalTable(SparkSession spark) {
        this.spark = spark;
    }

    /** Merges the rows; returns the names of the columns it added to the table. */
    List<String> merge(String table, Dataset<Row> rows, List<String> key, List<String> latestBy) {
        if (!spark.catalog().tableExists(table)) {
            create(table, latestPerKey(rows, key, latestBy, RepeatedHashes.count(rows, key) > 0).drop(RawReader.RAW_LINE));
            return List.of();
        }
        BatchKeys keys = BatchKeys.of(rows, key);
        Dataset<Row> latest = latestPerKey(rows, key, latestBy, keys.repeated()).drop(RawReader.RAW_LINE);
        List<String> added = addNewColumns(table, latest);
        latest.createOrReplaceTempView(sourceView(table));
        // For a batch of few values of the key's first column: a condition on the target's first key column, pushed into its
        // scan, so that only the stored rows of those values are joined, not every row of a large table (a stored row matching
        // a new one on the whole key matches it on the first column; a day's hits are found among all hits by their sessions).
        String target = keys.firstValues().map(k -> " AND " + k.covers("t.`" + key.get(0) + "`")).orElse("");
        spark.sql(mergeStatement(table, latest.columns(), key, latestBy, target));
        return added;
    }

    /** Replaces the table's content (models built from other models are rebuilt whole); returns the added columns. */
    List<String> replace(String table, Dataset<Row> rows) {
        if (!spark.catalog().tableExists(table)) {
            create(table, rows);
            return List.of();
        }
        List<String> added = addNewColumns(table, rows);
        rows.createOrReplaceTempView(sourceView(table));
        spark.sql("INSERT OVERWRITE " + table + " (" + String.join(", ", Arrays.stream(rows.columns()).map(c -> "`" + c + "`").toList())
                + ") SELECT * FROM " + sourceView(table));
        return added;
    }

    /**
     * Replaces the rows of the keys in scope by {@code rows} (the model's rows for exactly those keys): a row
     * of theirs is rewritten, a new one inserted, one no longer produced deleted; rows of other keys are not
     * touched. One MERGE, so readers see all of it or none. The rows to delete are found by their unique
     * key alone: the table's other columns are not read for them.
     *
     * @param inScope        SQL that is true for a row of the table (given its alias) whose key is in scope
     * @param narrowsTarget  whether that SQL may also narrow the MERGE's target rows (a filter pushed into
     *                       their scan: only the rows in scope are joined); a row's unique key must then
     *                       determine its scope key, or a row moved between keys would be inserted twice
     */
    void replaceScope(String table, Dataset<Row> rows, List<String> uniqueKey, Function<String, String> inScope, boolean narrowsTarget) {
        String source = sourceView(table);
        rows.createOrReplaceTempView(source);
        StructType schema = spark.table(table).schema();
        List<String> cols = Arrays.asList(schema.fieldNames());
        String select = cols.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        String keyOnly = Arrays.stream(schema.fields()).map(f -> uniqueKey.contains(f.name()) ? "o.`" + f.name() + "`"
                : "CAST(NULL AS " + f.dataType().sql() + ") AS `" + f.name() + "`").collect(Collectors.joining(", "));
        String sameKey = uniqueKey.stream().map(k -> "n.`" + k + "` = o.`" + k + "`").collect(Collectors.joining(" AND "));
        String gone = "SELECT " + keyOnly + ", true AS " + GONE + " FROM " + table + " o WHERE " + inScope.apply("o")
                + " AND NOT EXISTS (SELECT 1 FROM " + source + " n WHERE " + sameKey + ")";
        String on = uniqueKey.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        spark.sql("MERGE INTO " + table + " t USING (SELECT " + select + ", false AS " + GONE + " FROM " + source + " UNION ALL " + gone
                + ") s ON " + on + (narrowsTarget ? " AND " + inScope.apply("t") : "")
                + " WHEN MATCHED AND s." + GONE + " THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET " + cols.stream().map(c -> "t.`" + c + "` = s.`" + c + "`").collect(Collectors.joining(", "))
                + " WHEN NOT MATCHED AND NOT s." + GONE + " THEN INSERT (" + select + ") VALUES (" + qualified("s", cols) + ")");
    }

    /**
     * The latest version of each key. Most batches hold each key once ({@code repeated} false, found on the keys alone):
     * only a batch with repeated keys has its whole rows shuffled and sorted by key.
     */
    private static Dataset<Row> latestPerKey(Dataset<Row> rows, List<String> key, List<String> latestBy, boolean repeated) {
        if (!repeated) {
            return rows;
        }
        Column[] partition = key.stream().map(k -> col(k)).toArray(Column[]::new);
        List<Column> order = new ArrayList<>();
        latestBy.forEach(c -> order.add(col(c).desc_nulls_last()));
        order.add(col(RawReader.BATCH_ID).desc());
        order.add(col(RawReader.RAW_LINE).desc_nulls_last());
        return rows.withColumn("__version", row_number().over(Window.partitionBy(partition).orderBy(order.toArray(Column[]::new))))
                .filter(col("__version").equalTo(1)).drop("__version");
    }

    private static void create(String table, Dataset<Row> rows) {
        MergeOnRead.createOrReplace(table, rows);
    }

    private List<String> addNewColumns(String table, Dataset<Row> rows) {
        Set<String> existing = Arrays.stream(spark.table(table).columns()).collect(Collectors.toSet());
        List<String> added = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            if (!existing.contains(f.name())) {
                spark.sql("ALTER TABLE " + table + " ADD COLUMNS (`" + f.name() + "` " + f.dataType().sql() + ")");
                added.add(f.name());
            }
        }
        return added;
    }

    private static String mergeStatement(String table, String[] columns, List<String> key, List<String> latestBy, String alsoOn) {
        String on = key.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND ")) + alsoOn;
        List<String> version = new ArrayList<>(latestBy);
        version.add(RawReader.BATCH_ID);
        String newer = "struct(" + qualified("s", version) + ") >= struct(" + qualified("t", version) + ")";
        List<String> cols = Arrays.asList(columns);
        String set = cols.stream().map(c -> "t.`" + c + "` = s.`" + c + "`").collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING " + sourceView(table) + " s ON " + on
                + " WHEN MATCHED AND " + newer + " THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT (" + cols.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "))
                + ") VALUES (" + qualified("s", cols) + ")";
    }

    /** The rows to write, as a temp view of their own per table: models are written concurrently. */
    private static String sourceView(String table) {
        return "__c360_rows_for_" + table.replace('.', '_');
    }

    private static String qualified(String alias, List<String> cols) {
        return cols.stream().map(c -> alias + ".`" + c + "`").collect(Collectors.joining(", "));
    }
}
