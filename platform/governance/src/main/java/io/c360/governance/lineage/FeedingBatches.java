package io.c360.governance.lineage;

import io.c360.lake.ops.ProcessedBatches;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The raw batches a model has merged, from {@code ops.processed_batches}: table-level lineage
 * down to the landed batch (batch ids sort in landing order).
 */
public record FeedingBatches(String model, long count, List<String> latest) {

    /** For each of {@code models} that has processed batches: their count and the {@code latest} newest ids. */
    public static List<FeedingBatches> of(SparkSession spark, Collection<String> models, int latest) {
        if (models.isEmpty() || !spark.catalog().tableExists(ProcessedBatches.TABLE)) {
            return List.of();
        }
        Map<String, List<String>> byModel = new LinkedHashMap<>();
        for (Row r : spark.table(ProcessedBatches.TABLE).where(col("model").isin(models.toArray()))
                .select("model", "batch_id").collectAsList()) {
            byModel.computeIfAbsent(r.getString(0), m -> new ArrayList<>()).add(r.getString(1));
        }
        return byModel.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            List<String> ids = e.getValue().stream().distinct().sorted(Comparator.reverseOrder()).toList();
            return new FeedingBatches(e.getKey(), ids.size(), ids.subList(0, Math.min(latest, ids.size())));
        }).toList();
    }
}
