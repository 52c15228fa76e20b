package io.c360.identity;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.HashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;

/**
 * Comparison patterns of random profile pairs. Almost all random pairs are non-matches, so their
 * level frequencies estimate u (as Splink does); EM on the blocked pairs then only has to find m
 * and the share of matches.
 */
final class RandomPairs {

    private RandomPairs() {
    }

    static Map<Integer, Long> patternCounts(SparkSession spark, Dataset<Row> profiles, IdentityMapping mapping, long wantedPairs) {
        Column values = array(mapping.comparedFields().stream().map(f -> col(f)).toArray(Column[]::new));
        StructType schema = new StructType().add("idx", DataTypes.LongType).add("values", DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> shuffled = spark.createDataFrame(profiles.select(values).orderBy(rand(7)).javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._2(), t._1().get(0))), schema).cache();
        long n = shuffled.count();
        Map<Integer, Long> counts = new HashMap<>();
        if (n < 2) {
            return counts;
        }
        int offsets = (int) Math.max(1, Math.min(n - 1, Math.min(5, wantedPairs / n)));
        Dataset<Row> pairs = null;
        for (int o = 1; o <= offsets; o++) {
            Dataset<Row> right = shuffled.select(pmod(col("idx").plus(lit(o * 7919L)), lit(n)).as("idx"), col("values").as("other"));
            Dataset<Row> joined = shuffled.join(right, "idx").select("values", "other");
            pairs = pairs == null ? joined : pairs.union(joined);
        }
        ComparisonVector vector = new ComparisonVector(mapping.comparisons());
        pairs.map((MapFunction<Row, Integer>) r -> vector.pattern(r.<String>getList(0).toArray(new String[0]),
                        r.<String>getList(1).toArray(new String[0])), Encoders.INT())
                .groupBy("value").agg(count("*")).collectAsList()
                .forEach(r -> counts.put(r.getInt(0), r.getLong(1)));
        shuffled.unpersist();
        return counts;
    }
}
