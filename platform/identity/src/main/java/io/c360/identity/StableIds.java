package io.c360.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.max;

/**
 * Gives every cluster a stable customer_id. A previous customer survives in the cluster holding
 * most of its records (ties: smallest cluster label); a cluster in which several previous
 * customers survive keeps the oldest id (ids are sequence numbers, so the smallest) and the
 * others are merged into it; a cluster without a surviving id gets the next number of the
 * sequence, in order of cluster label, so a re-run on the same data gives the same ids.
 */
public final class StableIds {

    /** {@code uid, customer_id}; events (see {@link #EVENT_COLUMNS}); highest sequence number used. */
    public record Assignment(Dataset<Row> customerIds, Dataset<Row> events, long maxSequence) {
    }

    static final String[] EVENT_COLUMNS = {"event_type", "customer_id", "related_ids", "records", "reason"};

    private StableIds() {
    }

    /**
     * @param labels   {@code uid, label} of every current record
     * @param previous {@code uid, customer_id} of the previous run (empty on the first run)
     * @param links    accepted links {@code uid_a, uid_b, rule}, to say why customers merged
     */
    public static Assignment assign(Dataset<Row> labels, Dataset<Row> previous, Dataset<Row> links, long maxSequence) {
        Dataset<Row> overlap = labels.join(previous, "uid").groupBy("label", "customer_id").agg(count("*").as("n"));
        Dataset<Row> survivesIn = overlap
                .withColumn("rank", row_number().over(Window.partitionBy("customer_id").orderBy(col("n").desc(), col("label"))))
                .where(col("rank").equalTo(1)).select("customer_id", "label");
        Dataset<Row> kept = survivesIn.groupBy("label")
                .agg(min("customer_id").as("customer_id"), sort_array(collect_list("customer_id")).as("survivors"))
                .localCheckpoint();
        Dataset<Row> newLabels = labels.select("label").distinct().join(kept, "label", "left_anti");
        Dataset<Row> created = newLabels
                .withColumn("seq", row_number().over(Window.orderBy("label")).plus(lit(maxSequence)))
                .select(col("label"), format_string("C%010d", col("seq")).as("customer_id"), col("seq"))
                .localCheckpoint();
        Row top = created.agg(max("seq")).first();
        long newMax = top.isNullAt(0) ? maxSequence : top.getLong(0);
        Dataset<Row> labelIds = kept.select("label", "customer_id").union(created.select("label", "customer_id"));
        Dataset<Row> customerIds = labels.join(labelIds, "label").select("uid", "customer_id");
        Dataset<Row> events = merges(kept, labels, previous, links)
                .union(splits(overlap, survivesIn, labelIds))
                .union(removals(previous, overlap));
        return new Assignment(customerIds, events, newMax);
    }

    private static Dataset<Row> merges(Dataset<Row> kept, Dataset<Row> labels, Dataset<Row> previous, Dataset<Row> links) {
        Dataset<Row> merged = kept.where(size(col("survivors")).gt(1));
        Dataset<Row> before = labels.join(previous, "uid", "left").select(col("uid"), col("label"), col("customer_id").as("was"));
        Column differs = col("wa").isNull().or(col("wb").isNull()).or(col("wa").notEqual(col("wb")));
        Dataset<Row> bridging = links
                .join(before.select(col("uid").as("uid_a"), col("label"), col("was").as("wa")), "uid_a")
                .join(before.select(col("uid").as("uid_b"), col("was").as("wb")), "uid_b")
                .where(differs)
                .groupBy("label").agg(sort_array(collect_list(concat(col("uid_a"), lit(" ~ "), col("uid_b"), lit(" by "), col("rule")))).as("why"));
        return merged.join(bridging, "label", "left").select(
                lit("merge").as("event_type"), col("customer_id"),
                array_remove(col("survivors"), col("customer_id")).as("related_ids"),
                lit(null).cast("long").as("records"),
                concat(lit("previous customers now linked: "), concat_ws("; ", slice(col("why"), 1, 3))).as("reason"));
    }

    private static Dataset<Row> splits(Dataset<Row> overlap, Dataset<Row> survivesIn, Dataset<Row> labelIds) {
        Dataset<Row> parts = overlap.join(survivesIn.withColumnRenamed("label", "home"), "customer_id")
                .where(col("label").notEqual(col("home")))
                .join(labelIds.withColumnRenamed("customer_id", "now"), "label");
        return parts.select(lit("split").as("event_type"), col("customer_id"), array(col("now")).as("related_ids"),
                col("n").as("records"),
                concat(col("n").cast("string"), lit(" record(s) of "), col("customer_id"), lit(" are no longer linked to its other records"
                        + " (links removed or records changed) and now belong to "), col("now")).as("reason"));
    }

    private static Dataset<Row> removals(Dataset<Row> previous, Dataset<Row> overlap) {
        return previous.groupBy("customer_id").agg(count("*").as("records"))
                .join(overlap.select("customer_id"), "customer_id", "left_anti")
                .select(lit("removed").as("event_type"), col("customer_id"), array().cast("array<string>").as("related_ids"),
                        col("records"), lit("none of its records is present in the sources any more").as("reason"));
    }
}
