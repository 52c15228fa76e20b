package io.c360.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.Locale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run history in the log zone: Iceberg tables ops.pipeline_runs and ops.step_runs, upserted by key. */
public final class IcebergRunHistory implements RunHistory {

    private static final StructType RUNS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("message", DataTypes.StringType);

    private static final StructType STEPS = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("step", DataTypes.StringType, false)
            .add("status", DataTypes.StringType)
            .add("attempts", DataTypes.IntegerType)
            .add("started_at", DataTypes.TimestampType)
            .add("finished_at", DataTypes.TimestampType)
            .add("wall_ms", DataTypes.LongType)
            .add("spark_job_ms", DataTypes.LongType)
            .add("rows_in", DataTypes.LongType)
            .add("rows_out", DataTypes.LongType)
            .add("message", DataTypes.StringType);

    private final SparkSession spark;

    public IcebergRunHistory(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS ops.pipeline_runs (" + RUNS.toDDL() + ") USING iceberg");
        spark.sql("CREATE TABLE IF NOT EXISTS ops.step_runs (" + STEPS.toDDL() + ") USING iceberg");
    }

    @Override
    public synchronized void runStarted(PipelineRun run) {
        upsertRun(run);
    }

    @Override
    public synchronized void runFinished(PipelineRun run) {
        upsertRun(run);
    }

    @Override
    public synchronized void stepFinished(StepRun s) {
        Row row = RowFactory.create(s.runId(), s.step(), s.status().label(), s.attempts(), ts(s.startedAt()),
                ts(s.finishedAt()), s.wallMillis(), s.sparkJobMillis(), s.rowsIn(), s.rowsOut(), s.message());
        merge("ops.step_runs", STEPS, row, "t.run_id = s.run_id AND t.step = s.step");
    }

    @Override
    public Optional<PipelineRun> find(String runId) {
        List<Row> runs = spark.table("ops.pipeline_runs").filter(col("run_id").equalTo(runId)).collectAsList();
        return runs.isEmpty() ? Optional.empty() : Optional.of(toRun(runs.get(0), stepsOf(List.of(runId)).getOrDefault(runId, List.of())));
    }

    @Override
    public List<PipelineRun> recent(int limit) {
        List<Row> runs = spark.table("ops.pipeline_runs").orderBy(col("started_at").desc())
                .limit(limit).collectAsList();
        Map<String, List<StepRun>> steps = stepsOf(runs.stream().map(r -> r.getString(0)).toList());
        return runs.stream().map(r -> toRun(r, steps.getOrDefault(r.getString(0), List.of()))).toList();
    }

    private Map<String, List<StepRun>> stepsOf(List<String> runIds) {
        Map<String, List<StepRun>> out = new LinkedHashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        Dataset<Row> steps = spark.table("ops.step_runs")
                .filter(col("run_id").isin(runIds.toArray()))
                .orderBy(col("started_at").asc_nulls_last());
        for (Row r : steps.collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new StepRun(r.getString(0), r.getString(1),
                    StepStatus.valueOf(r.getString(2).toUpperCase(Locale.ROOT)), r.getInt(3), instant(r, 4),
                    instant(r, 5), r.getLong(8), r.getLong(9), r.getLong(7), r.getString(10)));
        }
        return out;
    }

    private void upsertRun(PipelineRun run) {
        Row row = RowFactory.create(run.runId(), run.status(), ts(run.startedAt()), ts(run.finishedAt()), run.message());
        merge("ops.pipeline_runs", RUNS, row, "t.run_id = s.run_id");
    }

    private void merge(String table, StructType schema, Row row, String on) {
        String view = "c360_history_" + table.replace('.', '_');
        spark.createDataFrame(List.of(row), schema).createOrReplaceTempView(view);
        spark.sql("MERGE INTO " + table + " t USING " + view + " s ON " + on
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    }

    private static PipelineRun toRun(Row r, List<StepRun> steps) {
        return new PipelineRun(r.getString(0), r.getString(1), instant(r, 2), instant(r, 3), r.getString(4), steps);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Row r, int i) {
        return r.isNullAt(i) ? null : r.getTimestamp(i).toInstant();
    }

}
