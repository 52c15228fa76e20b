package io.c360.identity;

import io.c360.lake.CachedRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Pairwise quality of a clustering against ground truth: a pair of records is predicted when they
 * share a cluster and true when they share a truth entity. Precision = correct / predicted pairs,
 * recall = correct / true pairs. Works on any two tables {@code record_key, cluster} and
 * {@code record_key, entity}; records present in only one of them are counted and left out.
 */
public final class PairwiseEvaluation {

    public record ClusterSize(String cluster, long records, long entities) {
    }

    public record Scores(long records, long onlyInClusters, long onlyInTruth, long predictedPairs, long truePairs,
                         long correctPairs, long clusters, long entities, List<ClusterSize> largestClusters) {

        public double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "precision %.4f  recall %.4f  F1 %.4f", precision(), recall(), f1()));
            lines.add(String.format(Locale.ROOT, "pairs: predicted %,d  true %,d  correct %,d", predictedPairs, truePairs, correctPairs));
            lines.add(String.format(Locale.ROOT, "records %,d (only in clusters %,d, only in truth %,d); clusters %,d; true entities %,d",
                    records, onlyInClusters, onlyInTruth, clusters, entities));
            largestClusters.forEach(c -> lines.add(String.format(Locale.ROOT, "  largest cluster %s: %,d records of %,d true entities",
                    c.cluster(), c.records(), c.entities())));
            return lines;
        }
    }

    private PairwiseEvaluation() {
    }

    public static Scores evaluate(Dataset<Row> clusters, Dataset<Row> truth) {
        Dataset<Row> c = clusters.select(col("record_key"), col("cluster").cast("string").as("cluster")).distinct();
        Dataset<Row> t = truth.select(col("record_key"), col("entity").cast("string").as("entity")).distinct();
        Dataset<Row> both = c.join(t, "record_key").cache();
        long records = both.count();
        long onlyInClusters = c.join(t, c.col("record_key").equalTo(t.col("record_key")), "left_anti").count();
        long onlyInTruth = t.join(c, t.col("record_key").equalTo(c.col("record_key")), "left_anti").count();
        long predicted = pairs(both, col("cluster"));
        long truePairs = pairs(both, col("entity"));
        long correct = pairs(both, col("cluster"), col("entity"));
        long clusterCount = both.select("cluster").distinct().count();
        long entityCount = both.select("entity").distinct().count();
        List<ClusterSize> largest = both.groupBy("cluster")
                .agg(count("*").as("n"), org.apache.spark.sql.functions.countDistinct("entity").as("e"))
                .orderBy(col("n").desc(), col("cluster")).limit(5).collectAsList().stream()
                .map(r -> new ClusterSize(r.getString(0), r.getLong(1), r.getLong(2))).toList();
        CachedRows.release(both);
        return new Scores(records, onlyInClusters, onlyInTruth, predicted, truePairs, correct, clusterCount, entityCount, largest);
    }

    /** Σ n(n-1)/2 over the groups of the given columns. */
    private static long pairs(Dataset<Row> rows, Column... groupBy) {
        Row r = rows.groupBy(groupBy).agg(count("*").as("n"))
                .agg(sum(col("n").multiply(col("n").minus(lit(1))).divide(lit(2)).cast("long"))).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }
}
