package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/**
 * Clusters records into connected components of their links, never into a giant one: a component
 * larger than the limit keeps only its deterministic links; if it is still too large, its records
 * stay apart. Both cases are reported.
 */
final class ClusterGuard {

    private final int maxClusterSize;

    ClusterGuard(int maxClusterSize) {
        this.maxClusterSize = maxClusterSize;
    }

    /** @return {@code node, label} */
    Dataset<Row> cluster(Dataset<Row> nodes, Dataset<Row> links, List<String> warnings) {
        Dataset<Row> labels = ConnectedComponents.label(nodes, edges(links)).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> giants = oversized(labels);
        if (giants.isEmpty()) {
            return labels;
        }
        giants.forEach(g -> warnings.add(String.format(Locale.ROOT, "cluster of %d records around %s exceeds max-cluster-size %d:"
                + " only its deterministic links are kept", g.getLong(1), g.getString(0), maxClusterSize)));
        Dataset<Row> giantMembers = labels.join(labels.groupBy("label").count().where(col("count").gt(maxClusterSize)), "label", "left_semi")
                .select("node");
        Dataset<Row> deterministic = links.where(col("match_weight").isNull())
                .join(giantMembers.withColumnRenamed("node", "uid_a"), "uid_a", "left_semi")
                .join(giantMembers.withColumnRenamed("node", "uid_b"), "uid_b", "left_semi");
        Dataset<Row> relabelled = ConnectedComponents.label(giantMembers, edges(deterministic)).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> stillGiant = oversized(relabelled);
        stillGiant.forEach(g -> warnings.add(String.format(Locale.ROOT, "cluster of %d records around %s exceeds max-cluster-size %d"
                + " even with deterministic links only: its records are left apart", g.getLong(1), g.getString(0), maxClusterSize)));
        Dataset<Row> bigLabels = relabelled.groupBy("label").count().where(col("count").gt(maxClusterSize)).select("label")
                .withColumn("too_big", col("label").isNotNull());
        Dataset<Row> guarded = relabelled.join(bigLabels, "label", "left")
                .select(col("node"), when(col("too_big"), col("node")).otherwise(col("label")).as("label"));
        return labels.join(giantMembers, "node", "left_anti").select("node", "label").union(guarded);
    }

    private static Dataset<Row> edges(Dataset<Row> links) {
        return links.select(col("uid_a").as("a"), col("uid_b").as("b"));
    }

    private List<Row> oversized(Dataset<Row> labels) {
        return labels.groupBy("label").count().where(col("count").gt(maxClusterSize))
                .orderBy(col("count").desc()).limit(5).collectAsList();
    }
}
