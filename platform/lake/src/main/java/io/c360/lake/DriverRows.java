package io.c360.lake;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * Rows built in the driver (identity links, cluster ids, golden records; stored profile hashes) as a materialised Spark frame. Through an RDD
 * rather than a local relation: the optimizer evaluates projections over a local relation of hundreds of thousands
 * of rows again at every query planned on it. The rows travel inside the tasks, so they are cut into slices of a
 * few thousand: four slices of a hundred thousand rows made tasks of 18 MB, over Spark's 1 MB warning. Once
 * materialised, the slices are read as one partition per core: a hundred slices written to a table made a hundred
 * small files (and tasks).
 */
public final class DriverRows {

    private static final int ROWS_PER_SLICE = 2_500;

    private DriverRows() {
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        int slices = Math.max(spark.sparkContext().defaultParallelism(), rows.size() / ROWS_PER_SLICE + 1);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), schema)
                .localCheckpoint().coalesce(spark.sparkContext().defaultParallelism());
    }
}
