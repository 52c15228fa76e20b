package io.c360.lake.ops;

import io.c360.lake.quality.DqResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** {@code ops.dq_results}: one row per test per model per run. */
public final class DqResults {

    public static final String TABLE = "ops.dq_results";
    private static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("model", DataTypes.StringType)
            .add("test", DataTypes.StringType)
            .add("severity", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("failing_rows", DataTypes.LongType)
            .add("sample_keys", DataTypes.StringType)
            .add("message", DataTypes.StringType)
            .add("checked_at", DataTypes.TimestampType);

    private final SparkSession spark;

    public DqResults(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + SCHEMA.toDDL() + ") USING iceberg "
                + "COMMENT 'Data-quality test results: one row per test per model per run.'");
    }

    public void append(List<DqResult> results) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = results.stream().map(r -> RowFactory.create(r.runId(), r.model(), r.test(), r.severity(),
                r.status(), r.failingRows(), r.sampleKeys(), r.message(), now)).toList();
        if (!rows.isEmpty()) {
            spark.createDataFrame(rows, SCHEMA).write().mode("append").insertInto(TABLE);
        }
    }

    /** Each model's results from the latest run that tested it, failures first. */
    public List<Row> latest() {
        return spark.sql("SELECT d.model, d.test, d.severity, d.status, d.failing_rows, d.sample_keys, d.message FROM " + TABLE
                + " d JOIN (SELECT model, max(run_id) AS run_id FROM " + TABLE + " GROUP BY model) l"
                + " ON d.model = l.model AND d.run_id = l.run_id"
                + " ORDER BY CASE d.status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, d.model, d.test").collectAsList();
    }
}
