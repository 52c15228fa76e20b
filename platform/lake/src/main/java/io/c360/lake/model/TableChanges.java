package io.c360.lake.model;

import io.c360.lake.CachedRows;
import io.c360.lake.LakeSession;
import io.c360.lake.SqlValues;
import io.c360.lake.raw.RawReader;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What changed in a lake table since one of its snapshots, as SQL for the affected-keys queries of the
 * models of one run ({@code changed()} and {@code previous()}). What several models compare (the same
 * table since the same snapshot, usually the previous run's) is computed once per run.
 */
final class TableChanges implements AutoCloseable {

    private final SparkSession spark;
    /** The raw batches a stage table holds at a snapshot, by {@code table@snapshot}, when its snapshots do not say which they merged. */
    private final Map<String, Set<String>> batches = new ConcurrentHashMap<>();
    /** Rows that differ between two snapshots of a table without batches, by {@code table@before..now:columns}: a view each. */
    private final Map<String, Dataset<Row>> differences = new ConcurrentHashMap<>();

    TableChanges(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * The given columns of the rows of the table that changed since the snapshot: of a stage table, the rows
     * of raw batches merged into it since ({@link MergedBatches}; a stage row carries its batch; the earlier version of an updated
     * row is in {@link #previous}); of another table, the rows that differ in those columns (each as it is
     * now or was then); none of an unchanged table.
     */
    String changed(String table, String columns, long before) {
        Table t = LakeSession.icebergTable(spark, table);
        long now = t.currentSnapshot() == null ? -1 : t.currentSnapshot().snapshotId();
        String select = "(SELECT " + columns + " FROM " + table + " WHERE ";
        if (before == now) {
            return select + "false)";
        }
        if (before == -1) {
            return select + "true)";
        }
        if (t.schema().findField(RawReader.BATCH_ID) == null) {
            return difference(t, table, columns, before, now);
        }
        Set<String> added = MergedBatches.addedSince(t, before).orElseGet(() -> {
            Set<String> held = new HashSet<>(batches(table, now));
            held.removeAll(batches(table, before));
            return held;
        });
        return select + (added.isEmpty() ? "false" : RawReader.BATCH_ID + " IN " + SqlValues.in(added)) + ")";
    }

    /** The table at the snapshot. */
    static String previous(String table, long snapshot) {
        return snapshot == -1 ? "(SELECT * FROM " + table + " WHERE false)" : table + " VERSION AS OF " + snapshot;
    }

    @Override
    public void close() {
        differences.values().forEach(CachedRows::release);
        differences.clear();
        batches.clear();
    }

    /**
     * The rows whose count differs between the two snapshots, each once: one aggregation over both (twice as
     * fast as an EXCEPT ALL each way on the identity map's 391,000 rows).
     */
    private String difference(Table t, String table, String columns, long before, long now) {
        String key = table + "@" + before + ".." + now + ":" + columns;
        String view = "__c360_changed_" + Integer.toHexString(key.hashCode());
        differences.computeIfAbsent(key, k -> {
            String named = columns.trim().equals("*")
                    ? t.schema().columns().stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", ")) : columns;
            Dataset<Row> rows = spark.sql("SELECT " + named + " FROM (SELECT " + named + ", 1 AS __c360_side FROM " + table + " VERSION AS OF " + now
                            + " UNION ALL SELECT " + named + ", -1 FROM " + previous(table, before) + ") GROUP BY " + named
                            + " HAVING sum(__c360_side) <> 0")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            rows.count(); // computed here, once: models planning at the same time would each compute the cached rows
            rows.createOrReplaceTempView(view);
            return rows;
        });
        return view;
    }

    private Set<String> batches(String table, long snapshot) {
        return batches.computeIfAbsent(table + "@" + snapshot, k -> {
            Set<String> out = new HashSet<>();
            spark.sql("SELECT DISTINCT " + RawReader.BATCH_ID + " FROM " + table + " VERSION AS OF " + snapshot).collectAsList()
                    .forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }
}
