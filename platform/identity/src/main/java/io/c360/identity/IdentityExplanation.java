package io.c360.identity;

import io.c360.lake.CachedRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/** Why a customer is what it is: its member records and the accepted links between them. */
public final class IdentityExplanation {

    private IdentityExplanation() {
    }

    public static List<String> explain(SparkSession spark, String customerId) {
        Dataset<Row> members = spark.table(IdentityStore.IDENTITY).where(col("customer_id").equalTo(customerId))
                .select("uid", "source", "entity", "record_key", "first_seen_run").orderBy("uid").cache();
        List<Row> records = members.collectAsList();
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no customer " + customerId + " in " + IdentityStore.IDENTITY);
        }
        List<String> lines = new ArrayList<>();
        lines.add("customer " + customerId + ": " + records.size() + " record(s)");
        for (Row r : records) {
            lines.add(String.format(Locale.ROOT, "  record %s  (source %s, entity %s, key %s, first seen in run %s)",
                    r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
        Dataset<Row> uids = members.select("uid");
        List<Row> links = spark.table(IdentityStore.LINKS)
                .join(uids.withColumnRenamed("uid", "uid_a"), "uid_a", "left_semi")
                .join(uids.withColumnRenamed("uid", "uid_b"), "uid_b", "left_semi")
                .select("uid_a", "uid_b", "rule", "match_weight", "match_probability", "evidence")
                .orderBy("uid_a", "uid_b").collectAsList();
        lines.add("links (" + links.size() + "):");
        for (Row l : links) {
            String score = l.isNullAt(3) ? "deterministic" : String.format(Locale.ROOT, "weight %.1f, probability %.6f", l.getDouble(3), l.getDouble(4));
            lines.add(String.format(Locale.ROOT, "  %s ~ %s  by %s (%s): %s", l.getString(0), l.getString(1), l.getString(2), score, l.getString(5)));
        }
        CachedRows.release(members);
        return lines;
    }
}
