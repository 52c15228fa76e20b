package io.c360.lake.ops;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ops.processed_batches}: which raw batches each model has merged (its incremental state). */
public final class ProcessedBatches {

    public static final String TABLE = "ops.processed_batches";
    private static final StructType SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("batch_id", DataTypes.StringType)
            .add("run_id", DataTypes.StringType)
            .add("processed_at", DataTypes.TimestampType);

    private final SparkSession spark;

    public ProcessedBatches(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (model STRING, batch_id STRING, run_id STRING, "
                + "processed_at TIMESTAMP) USING iceberg COMMENT 'Which raw batches each model has merged (its incremental state).'");
    }

    /** Every model's processed batch ids, read once per run. */
    public Map<String, Set<String>> all() {
        Map<String, Set<String>> byModel = new HashMap<>();
        spark.sql("SELECT model, batch_id FROM " + TABLE).collectAsList()
                .forEach(r -> byModel.computeIfAbsent(r.getString(0), m -> new HashSet<>()).add(r.getString(1)));
        return byModel;
    }

    /** Records batches as processed; {@code known} are the model's already recorded ones (a replay re-reads them). */
    public void record(String model, List<String> batchIds, Set<String> known, String runId) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = batchIds.stream().filter(id -> !known.contains(id))
                .map(id -> RowFactory.create(model, id, runId, now)).toList();
        if (!rows.isEmpty()) {
            spark.createDataFrame(rows, SCHEMA).write().mode("append").insertInto(TABLE);
        }
    }
}
