package io.c360.lake.model;

import io.c360.lake.raw.RawReader;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The unparseable records of one source, kept as the model's own query reads past them, so that quarantining them
 * needs no second pass over the raw files (which parsed the 2.6 GB of GA JSON again, 40 s of task CPU, for 3,182 bad
 * lines). Each is (batch, file, line, record, reason). Kept up to a budget of {@value #TOTAL_BYTES} bytes of records
 * in all, shared by the tasks of the read (what a task keeps travels in its result, and Spark caps the results of a
 * job at {@code spark.driver.maxResultSize}, 1 GB by default), at least {@value #MIN_TASK_BYTES} bytes each. Past the
 * budget, or when the query did not read every one of them (compared with the count the same read observed),
 * {@link #all} says so and the caller reads them again.
 */
final class UnparseableRecords extends AccumulatorV2<Row, List<Row>> {

    static final long TOTAL_BYTES = 64L << 20;
    static final long MIN_TASK_BYTES = 64L << 10;
    static final StructType SCHEMA = new StructType().add(RawReader.BATCH_ID, DataTypes.StringType)
            .add(RawReader.SOURCE_FILE, DataTypes.StringType).add(RawReader.RAW_LINE, DataTypes.LongType)
            .add(RawReader.RAW_RECORD, DataTypes.StringType).add(ModelRunner.REASON, DataTypes.StringType);

    private final long totalBytes;
    private List<Row> records = new ArrayList<>();
    private long bytes;
    private boolean overflowed;

    UnparseableRecords() {
        this(TOTAL_BYTES);
    }

    UnparseableRecords(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    /** The source's parseable records; the others are kept here (registered with the session's accumulators). */
    Dataset<Row> parseable(SparkSession spark, Dataset<Row> rows, String name) {
        spark.sparkContext().register(this, name);
        UDF1<Row, Boolean> keep = r -> {
            add(r);
            return false;
        };
        return rows.filter(when(col(RawReader.PARSE_ERROR).isNull(), lit(true))
                .otherwise(udf(keep, DataTypes.BooleanType).asNondeterministic().apply(struct(columns(rows)))));
    }

    /** The source's unparseable records read again (a second pass over it), for when {@link #all} has not kept them all. */
    static Dataset<Row> readAgain(Dataset<Row> rows) {
        return rows.filter(col(RawReader.PARSE_ERROR).isNotNull()).select(columns(rows));
    }

    /** An unparseable record of the source as the columns of {@link #SCHEMA}. */
    private static Column[] columns(Dataset<Row> rows) {
        return new Column[]{col(RawReader.BATCH_ID), col(RawReader.SOURCE_FILE), col(RawReader.RAW_LINE),
                RawReader.recordText(rows).as(RawReader.RAW_RECORD), col(RawReader.PARSE_ERROR).as(ModelRunner.REASON)};
    }

    /**
     * Every one of the {@code observed} unparseable records, once each (a record read twice is kept once), in the order
     * first met; empty when some were not kept.
     */
    Optional<List<Row>> all(long observed) {
        if (overflowed) {
            return Optional.empty();
        }
        Map<List<Object>, Row> byPlace = new LinkedHashMap<>();
        records.forEach(r -> byPlace.putIfAbsent(List.of(r.getString(0), r.getString(1), r.isNullAt(2) ? -1L : r.getLong(2)), r));
        return byPlace.size() == observed ? Optional.of(List.copyOf(byPlace.values())) : Optional.empty();
    }

    @Override
    public boolean isZero() {
        return records.isEmpty() && !overflowed;
    }

    @Override
    public AccumulatorV2<Row, List<Row>> copy() {
        UnparseableRecords copy = new UnparseableRecords(totalBytes);
        copy.records = new ArrayList<>(records);
        copy.bytes = bytes;
        copy.overflowed = overflowed;
        return copy;
    }

    @Override
    public void reset() {
        records = new ArrayList<>();
        bytes = 0;
        overflowed = false;
    }

    @Override
    public void add(Row record) {
        long size = 64 + (record.isNullAt(3) ? 0 : record.getString(3).length());
        if (overflowed || bytes + size > budget()) {
            overflow();
            return;
        }
        records.add(record);
        bytes += size;
    }

    @Override
    public void merge(AccumulatorV2<Row, List<Row>> other) {
        UnparseableRecords o = (UnparseableRecords) other;
        if (overflowed || o.overflowed || bytes + o.bytes > totalBytes) {
            overflow();
            return;
        }
        records.addAll(o.records);
        bytes += o.bytes;
    }

    @Override
    public List<Row> value() {
        return records;
    }

    /** In a task, its share of the budget; in the driver, all of it. */
    private long budget() {
        TaskContext task = TaskContext.get();
        return task == null ? totalBytes : Math.max(MIN_TASK_BYTES, totalBytes / task.numPartitions());
    }

    private void overflow() {
        overflowed = true;
        records = new ArrayList<>();
        bytes = 0;
    }
}
