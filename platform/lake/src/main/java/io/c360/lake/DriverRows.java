package io.c360.lake;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows built in the driver (identity links, cluster ids, golden records; stored profile hashes) as a materialised Spark frame. Through an RDD
 * rather than a local relation: the optimizer evaluates projections over a local relation of hundreds of thousands
 * of rows again at every query planned on it. The rows travel inside the tasks, so they are cut into slices of about
 * 600 KB (four slices of a hundred thousand rows made tasks of 18 MB), estimated from samples of the rows, with room
 * for the estimate to be low (slices estimated at 800 KB made a task of 1,006 KB, over Spark's 1 MB warning): each
 * task costs time of its own (half a million identity links took 3.1–3.7 s in slices of
 * 2,500 rows, 1.5–1.9 s in 21 slices). Once materialised, the slices are read as one partition per core: a hundred
 * slices written to a table made a hundred small files (and tasks).
 */
public final class DriverRows {

    private static final long BYTES_PER_SLICE = 600 * 1024;
    private static final int SAMPLE = 500;

    private DriverRows() {
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        int slices = (int) Math.max(spark.sparkContext().defaultParallelism(), rows.size() * serializedBytesPerRow(rows) / BYTES_PER_SLICE + 1);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), schema)
                .localCheckpoint().coalesce(spark.sparkContext().defaultParallelism());
    }

    /** The size of a row as the tasks carry it (Spark's serializer), from the largest of a few samples from across the list. */
    private static long serializedBytesPerRow(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        long largest = 0;
        int step = Math.max(1, rows.size() / 4);
        for (int from = 0; from < rows.size(); from += step) {
            List<Row> sample = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + SAMPLE)));
            long bytes = serializer.serialize(sample, ClassTag$.MODULE$.apply(ArrayList.class)).remaining();
            largest = Math.max(largest, bytes / sample.size() + 1);
        }
        return largest;
    }
}
