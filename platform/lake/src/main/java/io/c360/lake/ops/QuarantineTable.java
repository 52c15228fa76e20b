package io.c360.lake.ops;

import io.c360.lake.SqlValues;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.HashSet;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code stage.quarantine}: rejected records with the model, a precise reason, the raw location
 * (batch, file, line) and the raw record text. Status {@code open} until a replay re-reads the
 * batch ({@code replayed}); a record still bad after the replay is quarantined again as open.
 */
public final class QuarantineTable {

    public static final String TABLE = "stage.quarantine";
    private final SparkSession spark;

    public QuarantineTable(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (run_id STRING, model STRING, batch_id STRING, "
                + "source_file STRING, raw_line BIGINT, reason STRING, raw_record STRING, quarantined_at TIMESTAMP, "
                + "status STRING) USING iceberg COMMENT 'Records a stage model rejected, with the reason and their raw location; "
                + "status open, replayed or reprocessed.'");
    }

    /** Appends rejects; {@code rejects} has _batch_id, _source_file, _raw_line, _raw_record and {@code reason}. */
    public void append(Dataset<Row> rejects, String model, String runId) {
        Column[] cols = {
                lit(runId).alias("run_id"), lit(model).alias("model"), col("_batch_id").alias("batch_id"),
                col("_source_file").alias("source_file"), col("_raw_line").alias("raw_line"), col("reason"),
                col("_raw_record").alias("raw_record"), current_timestamp().alias("quarantined_at"),
                lit("open").alias("status")};
        rejects.select(cols).write().mode("append").insertInto(TABLE);
    }

    public Set<String> openBatches(String model) {
        Set<String> ids = new HashSet<>();
        spark.sql("SELECT DISTINCT batch_id FROM " + TABLE + " WHERE model = '" + model + "' AND status = 'open'")
                .collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /**
     * Closes the open records of batches that were read again, except those the re-reading run
     * itself quarantined; {@code status} says why (replayed, reprocessed).
     */
    public void close(String model, Set<String> batchIds, String rereadingRun, String status) {
        if (batchIds.isEmpty()) {
            return;
        }
        spark.sql("UPDATE " + TABLE + " SET status = '" + status + "' WHERE model = '" + model + "' AND status = 'open' AND run_id <> '" + rereadingRun + "' AND batch_id IN " + SqlValues.in(batchIds));
    }
}
