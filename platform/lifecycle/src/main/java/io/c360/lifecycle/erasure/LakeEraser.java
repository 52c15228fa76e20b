package io.c360.lifecycle.erasure;

import io.c360.lifecycle.TableFiles;
import io.c360.lifecycle.TaskPool;
import io.c360.lake.ops.DqResults;
import io.c360.lake.ops.ErasureTombstones;
import io.c360.lake.LakeSession;
import io.c360.lake.ops.QuarantineTable;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.c360.lake.SqlValues.in;

/**
 * Deletes the person's rows from every Iceberg table of the lake (stage, analytics, ops): a row is
 * theirs when a key column ({@link KeyKind}) holds one of their keys. Rejected records in
 * {@code stage.quarantine} are theirs when their raw text matches like a raw record does.
 */
public final class LakeEraser {

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final TableFiles files;
    private final TaskPool pool;

    public LakeEraser(SparkSession spark, SourceDefinitions sources, TaskPool pool) {
        this.spark = spark;
        this.sources = sources;
        this.files = new TableFiles(spark);
        this.pool = pool;
    }

    /**
     * Rows deleted per table (tables without any of the person's rows are not touched). Tables are
     * erased several at a time; the tables {@link SubjectResolver} finds the person's keys in go
     * last, so an interrupted erasure run again with the same customer id still finds everything left.
     */
    public Map<String, Long> erase(ErasureSubject subject) {
        List<String> tables = tables();
        List<String> first = tables.stream().filter(t -> !SubjectResolver.TABLES.contains(t)).toList();
        List<String> last = tables.stream().filter(SubjectResolver.TABLES::contains).toList();
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (List<String> wave : List.of(first, last)) {
            List<Long> rows = pool.map(wave, table -> eraseTable(table, subject));
            for (int i = 0; i < wave.size(); i++) {
                if (rows.get(i) > 0) {
                    deleted.put(wave.get(i), rows.get(i));
                }
            }
        }
        return deleted;
    }

    private long eraseTable(String table, ErasureSubject subject) {
        return table.equals(QuarantineTable.TABLE) ? eraseQuarantined(subject)
                : table.equals(DqResults.TABLE) ? redactSampleKeys(subject) : eraseRows(table, subject);
    }

    /** Every table of the lake's namespaces but the tombstones (which hold hashes only). */
    private List<String> tables() {
        return files.lakeTables().stream().filter(t -> !t.equals(ErasureTombstones.TABLE)).toList();
    }

    private long eraseRows(String table, ErasureSubject subject) {
        StructType schema = spark.table(table).schema();
        List<String> terms = new ArrayList<>();
        for (KeyKind kind : KeyKind.values()) {
            Set<String> keys = subject.keys(kind);
            if (keys.isEmpty()) {
                continue;
            }
            kind.columns().stream().filter(c -> List.of(schema.fieldNames()).contains(c))
                    .map(c -> KeyCondition.sql(c, schema.apply(c).dataType(), keys)).filter(t -> !t.isEmpty()).forEach(terms::add);
        }
        if (terms.isEmpty()) {
            return 0;
        }
        Snapshot before = LakeSession.icebergTable(spark, table).currentSnapshot();
        spark.sql("DELETE FROM " + table + " WHERE " + String.join(" OR ", terms));
        Snapshot after = LakeSession.icebergTable(spark, table).currentSnapshot();
        return after == null || (before != null && before.snapshotId() == after.snapshotId()) ? 0 : rowsDeleted(after.summary());
    }

    /**
     * Rows a DELETE removed, from its snapshot summary (no second scan): position deletes
     * (merge-on-read) plus, for copy-on-write, the records of the rewritten files not written back.
     */
    private static long rowsDeleted(Map<String, String> summary) {
        return number(summary, "added-position-deletes") + number(summary, "deleted-records") - number(summary, "added-records");
    }

    private static long number(Map<String, String> summary, String key) {
        return Long.parseLong(summary.getOrDefault(key, "0"));
    }

    /**
     * Data-quality results quote the business keys of failing rows ({@code sample_keys}); results
     * quoting one of the person's keys or identifying values keep their counts, their samples are
     * replaced by {@code [erased]}.
     */
    private long redactSampleKeys(ErasureSubject subject) {
        List<String> tokens = new ArrayList<>();
        for (KeyKind kind : KeyKind.values()) {
            subject.keys(kind).forEach(k -> tokens.add(Pattern.quote(k.toLowerCase(Locale.ROOT))));
        }
        subject.searchableIdentifiers().forEach(v -> tokens.add(Pattern.quote(v)));
        if (tokens.isEmpty()) {
            return 0;
        }
        Pattern theirs = Pattern.compile("(^|[^0-9a-z])(" + String.join("|", tokens) + ")([^0-9a-z]|$)");
        List<String> rows = new ArrayList<>();
        for (Row r : spark.sql("SELECT concat_ws('|', run_id, model, test), sample_keys FROM " + DqResults.TABLE
                + " WHERE sample_keys IS NOT NULL").collectAsList()) {
            if (theirs.matcher(r.getString(1).toLowerCase(Locale.ROOT)).find()) {
                rows.add(r.getString(0));
            }
        }
        if (!rows.isEmpty()) {
            spark.sql("UPDATE " + DqResults.TABLE + " SET sample_keys = '[erased]' WHERE concat_ws('|', run_id, model, test) IN " + in(rows));
        }
        return rows.size();
    }

    /** Quarantined records are raw text: matched per source entity (named by the batch id) like raw lines. */
    private long eraseQuarantined(ErasureSubject subject) {
        List<Row> rows = spark.sql("SELECT batch_id, source_file, raw_line, raw_record FROM " + QuarantineTable.TABLE).collectAsList();
        List<String> theirs = new ArrayList<>();
        for (Row r : rows) {
            String record = r.getString(3);
            if (record != null && matcherFor(r.getString(0), subject).matches(record)) {
                theirs.add(r.getString(0) + "|" + r.getString(1) + "|" + (r.isNullAt(2) ? "" : r.get(2)));
            }
        }
        if (theirs.isEmpty()) {
            return 0;
        }
        spark.sql("DELETE FROM " + QuarantineTable.TABLE + " WHERE concat_ws('|', batch_id, source_file, coalesce(CAST(raw_line AS STRING), '')) IN "
                + in(theirs));
        return theirs.size();
    }

    /** Batch ids are {@code <time>-<source>-<entity>-<hex>}; a record of an unknown entity is matched by identifiers only. */
    private RecordMatcher matcherFor(String batchId, ErasureSubject subject) {
        for (EntityLayout layout : sources.entities()) {
            if (batchId != null && batchId.contains("-" + layout.source() + "-" + layout.entity() + "-")) {
                return new RecordMatcher(layout, RawZoneEraser.keysByField(subject, layout.source(), layout.entity()),
                        subject.strongIdentifiers());
            }
        }
        EntityLayout unknown = new EntityLayout("", "", null, null, LayoutFormat.JSONL, false, ",", "UTF-8", List.of(), null);
        return new RecordMatcher(unknown, Map.of(), subject.strongIdentifiers());
    }
}
