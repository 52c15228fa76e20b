package io.c360.lake.quality;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * How many non-null values of a column (or combinations of columns) repeat the 64-bit hash of another:
 * zero proves them unique (equal values hash equal). The hashes are spread over partitions by value
 * and each partition is sorted, so equal hashes meet side by side. A distinct count (a hash
 * aggregation) spent most of a unique test of 13 M keys probing and growing a map in which every
 * key was new.
 */
public final class RepeatedHashes {

    private RepeatedHashes() {
    }

    /** Over the rows where none of the columns is null, the repeats of their combined hash. */
    public static long count(Dataset<Row> rows, List<String> columns) {
        Dataset<Long> hashes = present(rows, columns).select(xxhash64(quoted(columns)).as("h")).repartition(col("h")).as(Encoders.LONG());
        return hashes.mapPartitions((MapPartitionsFunction<Long, Long>) RepeatedHashes::repeats, Encoders.LONG()).toDF("repeats")
                .agg(coalesce(sum("repeats"), lit(0L))).first().getLong(0);
    }

    /** The columns of the rows where none of them is null. */
    public static Dataset<Row> present(Dataset<Row> rows, List<String> columns) {
        Column[] values = quoted(columns);
        Column present = lit(true);
        for (Column v : values) {
            present = present.and(v.isNotNull());
        }
        return rows.select(values).where(present);
    }

    private static Column[] quoted(List<String> columns) {
        return columns.stream().map(c -> col("`" + c.replace("`", "``") + "`")).toArray(Column[]::new);
    }

    static Iterator<Long> repeats(Iterator<Long> hashes) {
        long[] sorted = new long[1024];
        int n = 0;
        while (hashes.hasNext()) {
            if (n == sorted.length) {
                sorted = Arrays.copyOf(sorted, n * 2);
            }
            sorted[n++] = hashes.next();
        }
        Arrays.sort(sorted, 0, n);
        long repeats = 0;
        for (int i = 1; i < n; i++) {
            repeats += sorted[i] == sorted[i - 1] ? 1 : 0;
        }
        return List.of(repeats).iterator();
    }
}
