package io.c360.lake.model;

import io.c360.lake.CachedRows;
import io.c360.lake.LakeSession;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which rows one build of a model rebuilt by key recomputes: the whole table on its first build, when
 * asked to, after its SQL or the run's variables changed, or when a snapshot its last build read has
 * expired; otherwise the keys its affected-keys query returns, held in a temp view for
 * {@code in_scope()} and the table's write and tests.
 */
final class BuildScope {

    private static final String KEY = "key";
    private final BuildRecord record;
    private final String view;
    private final Dataset<Row> keys;
    private final long keyCount;
    private final Optional<KeyList> listed;

    private BuildScope(BuildRecord record, String view, Dataset<Row> keys, long keyCount, Optional<KeyList> listed) {
        this.record = record;
        this.view = view;
        this.keys = keys;
        this.keyCount = keyCount;
        this.listed = listed;
    }

    /**
     * @param refTable the table a name of the model's SQL stands for
     * @param whole    rebuild the whole table whatever its last build read
     * @param changes  what changed in the tables the affected-keys query compares
     */
    static BuildScope plan(SparkSession spark, Model m, Map<String, String> vars, Function<String, String> refTable, boolean whole,
                           TableChanges changes) {
        Map<String, Table> inputs = new LinkedHashMap<>();
        for (String t : m.sql().tables(refTable)) {
            inputs.put(t, LakeSession.icebergTable(spark, t));
        }
        for (String t : m.affected().tables(refTable)) {
            if (!t.equals(m.table())) {
                inputs.put(t, LakeSession.icebergTable(spark, t));
            }
        }
        Map<String, Long> snapshots = new TreeMap<>();
        inputs.forEach((t, table) -> snapshots.put(t, table.currentSnapshot() == null ? -1 : table.currentSnapshot().snapshotId()));
        BuildRecord next = new BuildRecord(fingerprint(m, vars), snapshots);
        Optional<BuildRecord> last = whole || !spark.catalog().tableExists(m.table()) ? Optional.empty()
                : BuildRecord.latest(LakeSession.icebergTable(spark, m.table())).filter(r -> comparable(r, next, inputs));
        if (last.isEmpty()) {
            return new BuildScope(next, null, null, -1, Optional.empty());
        }
        String sql = m.affected().withVars(vars, m.table())
                .comparing(m.table(), (t, columns) -> changes.changed(refTable.apply(t), columns, last.get().inputs().get(refTable.apply(t))),
                        t -> TableChanges.previous(refTable.apply(t), last.get().inputs().get(refTable.apply(t))))
                .render(s -> {
                    throw new IllegalArgumentException(m.table() + ".affected.sql reads source('" + s + "'): only tables can be compared");
                }, refTable, "");
        Dataset<Row> affected = spark.sql(sql);
        if (affected.columns().length != 1) {
            throw new IllegalArgumentException(m.name() + ".affected.sql returns " + affected.columns().length
                    + " columns; expected one, the values of " + m.spec().incrementalBy() + " to rebuild");
        }
        Dataset<Row> keys = affected.toDF(KEY).where(KEY + " IS NOT NULL").distinct().persist(StorageLevel.MEMORY_AND_DISK());
        String view = "__c360_scope_" + m.table().replace('.', '_');
        keys.createOrReplaceTempView(view);
        // few keys, as after a small change, are counted and listed from one read of them
        List<Object> read = keys.limit(KeyList.MAX + 1).collectAsList().stream().map(r -> r.get(0)).toList();
        long count = read.size() <= KeyList.MAX ? read.size() : keys.count();
        return new BuildScope(next, view, keys, count, KeyList.of(keys.schema().fields()[0].dataType(), read));
    }

    /** What this build reads, to be kept with the rows it writes. */
    BuildRecord record() {
        return record;
    }

    /** True when the whole table is rebuilt. */
    boolean whole() {
        return view == null;
    }

    /** How many keys are rebuilt (when not the whole table). */
    long keyCount() {
        return keyCount;
    }

    /** SQL that is true for the rows of the rebuilt keys, given the expression of a row's key. */
    String contains(String keyExpression) {
        if (whole()) {
            return "true";
        }
        return listed.map(keys -> keys.contains(keyExpression))
                .orElse("(" + keyExpression + ") IN (SELECT `" + KEY + "` FROM " + view + ")");
    }

    /** Whether {@link #contains} lists the keys (it is then a filter Iceberg and Spark push into a scan or a MERGE's target). */
    boolean listsKeys() {
        return listed.isPresent();
    }

    void release() {
        if (keys != null) {
            CachedRows.release(keys);
        }
    }

    /**
     * The last build can be built on: same SQL and variables, it read every table this one reads, and their
     * snapshots still exist with the tables' current columns (so the affected-keys query can compare them).
     */
    private static boolean comparable(BuildRecord last, BuildRecord next, Map<String, Table> inputs) {
        return last.fingerprint().equals(next.fingerprint()) && last.inputs().keySet().containsAll(next.inputs().keySet())
                && inputs.entrySet().stream().allMatch(e -> {
                    long id = last.inputs().get(e.getKey());
                    Snapshot then = e.getValue().snapshot(id);
                    return id == -1 || then != null && Objects.equals(then.schemaId(), e.getValue().schema().schemaId());
                });
    }

    private static String fingerprint(Model m, Map<String, String> vars) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(m.sql().text().getBytes(StandardCharsets.UTF_8));
            sha.update(m.affected().text().getBytes(StandardCharsets.UTF_8));
            sha.update((m.spec().incrementalBy() + m.spec().uniqueKey()).getBytes(StandardCharsets.UTF_8));
            sha.update(new TreeMap<>(vars).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
