package io.c360.lake.ops;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
                + "processed_at TIMESTAMP) USING iceberg");
    }

    public Set<String> of(String model) {
        Set<String> ids = new HashSet<>();
        spark.sql("SELECT DISTINCT batch_id FROM " + TABLE + " WHERE model = '" + model + "'")
                .collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /** Records batches as processed, skipping any already recorded (a replay re-reads processed batches). */
    public void record(String model, List<String> batchIds, String runId) {
        Set<String> known = of(model);
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = batchIds.stream().filter(id -> !known.contains(id))
                .map(id -> RowFactory.create(model, id, runId, now)).toList();
        if (!rows.isEmpty()) {
            spark.createDataFrame(rows, SCHEMA).write().mode("append").insertInto(TABLE);
        }
    }
}
