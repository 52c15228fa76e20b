package io.c360.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** The Iceberg table {@code ops.ingest_batches}: one row per landed, failed or quarantined batch. */
public final class IngestLog implements BatchLog {

    public static final String TABLE = "ops.ingest_batches";

    private static final String COLUMNS = "batch_id STRING NOT NULL, source STRING NOT NULL, entity STRING NOT NULL, "
            + "connector STRING NOT NULL, status STRING NOT NULL, ingest_date DATE NOT NULL, files INT NOT NULL, "
            + "records BIGINT NOT NULL, bytes BIGINT NOT NULL, schema_fingerprint STRING, watermark_before STRING, "
            + "watermark_after STRING, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL, "
            + "duration_ms BIGINT NOT NULL, raw_path STRING, message STRING";
    private static final StructType SCHEMA = StructType.fromDDL(COLUMNS);

    private final SparkSession spark;

    public IngestLog(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + COLUMNS + ") USING iceberg "
                + "COMMENT 'One row per ingest batch: landed into raw, failed (source down) or quarantined (unreadable file)'");
    }

    /** Appends are serialized: parallel sources share one table and one catalog. */
    @Override
    public synchronized void record(BatchRecord r) {
        try {
            spark.createDataFrame(List.of(row(r)), SCHEMA).writeTo(TABLE).append();
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(TABLE + " disappeared while ingesting: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void recordIfMissing(BatchRecord r) {
        if (spark.table(TABLE).where(col("batch_id").equalTo(r.batchId())).isEmpty()) {
            record(r);
        }
    }

    private static Row row(BatchRecord r) {
        return RowFactory.create(r.batchId(), r.source(), r.entity(), r.connector(), r.status().label(),
                Date.valueOf(LocalDate.parse(r.ingestDate())), r.files(), r.records(), r.bytes(), r.schemaFingerprint(),
                r.watermarkBefore(), r.watermarkAfter(), Timestamp.from(r.startedAt()), Timestamp.from(r.finishedAt()),
                r.durationMillis(), r.rawPath(), r.message());
    }
}
