package io.c360.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * {@value #TABLE}: the golden record as a slowly changing dimension of type 2. A customer whose
 * golden values change gets its current row closed ({@code valid_to}, {@code end_reason}) and a new
 * current row ({@code change_reason} names the changed attributes); a customer who disappears from
 * all sources keeps only closed rows.
 */
public final class DimCustomer {

    public static final String TABLE = "analytics.dim_customer";

    private DimCustomer() {
    }

    /** Applies the current golden records at time {@code now}; returns the whole new table content (written). */
    public static Dataset<Row> update(SparkSession spark, Dataset<Row> golden, List<String> attributes, Timestamp now) {
        Dataset<Row> fresh = golden.withColumn("attributes_hash",
                sha2(to_json(struct(attributes.stream().map(a -> col(a)).toArray(Column[]::new))), 256));
        Dataset<Row> next;
        if (!spark.catalog().tableExists(TABLE)) {
            next = opened(fresh, lit("new customer"), now);
        } else {
            Dataset<Row> table = spark.table(TABLE).localCheckpoint();
            Dataset<Row> history = table.where(col("is_current").equalTo(false));
            Dataset<Row> current = table.where(col("is_current"));
            Dataset<Row> g = fresh.select(prefixed(fresh, "n_"));
            Dataset<Row> c = current.select(prefixed(current, "c_"));
            Dataset<Row> both = c.join(g, c.col("c_customer_id").equalTo(g.col("n_customer_id")), "full_outer").cache();
            Column changedNames = concat_ws(", ", attributes.stream()
                    .map(a -> when(org.apache.spark.sql.functions.not(col("c_" + a).eqNullSafe(col("n_" + a))), lit(a))).toArray(Column[]::new));
            Dataset<Row> unchanged = unprefixed(both.where(col("n_customer_id").isNotNull().and(col("c_customer_id").isNotNull())
                    .and(col("c_attributes_hash").equalTo(col("n_attributes_hash")))), "c_", current.columns());
            Dataset<Row> changed = both.where(col("n_customer_id").isNotNull().and(col("c_customer_id").isNotNull())
                    .and(col("c_attributes_hash").notEqual(col("n_attributes_hash")))).withColumn("changed", changedNames);
            Dataset<Row> gone = both.where(col("n_customer_id").isNull());
            Dataset<Row> added = both.where(col("c_customer_id").isNull());
            next = history
                    .unionByName(unchanged)
                    .unionByName(closed(unprefixed(changed, "c_", current.columns(), "changed"),
                            concat(lit("changed: "), col("changed")), now).drop("changed"))
                    .unionByName(closed(unprefixed(gone, "c_", current.columns()), lit("no longer in any source"), now))
                    .unionByName(opened(unprefixed(changed, "n_", fresh.columns(), "changed"),
                            concat(lit("changed: "), col("changed")), now).drop("changed"))
                    .unionByName(opened(unprefixed(added, "n_", fresh.columns()), lit("new customer"), now));
        }
        Dataset<Row> result = next.localCheckpoint();
        result.writeTo(TABLE).createOrReplace();
        return result;
    }

    private static Dataset<Row> opened(Dataset<Row> rows, Column reason, Timestamp now) {
        return rows.withColumn("valid_from", lit(now)).withColumn("valid_to", lit(null).cast("timestamp"))
                .withColumn("is_current", lit(true)).withColumn("change_reason", reason)
                .withColumn("end_reason", lit(null).cast("string"));
    }

    private static Dataset<Row> closed(Dataset<Row> rows, Column reason, Timestamp now) {
        return rows.withColumn("valid_to", lit(now)).withColumn("is_current", lit(false)).withColumn("end_reason", reason);
    }

    private static Column[] prefixed(Dataset<Row> rows, String prefix) {
        List<Column> cols = new ArrayList<>();
        for (String c : rows.columns()) {
            cols.add(col(c).as(prefix + c));
        }
        return cols.toArray(Column[]::new);
    }

    private static Dataset<Row> unprefixed(Dataset<Row> rows, String prefix, String[] columns, String... keep) {
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(col(prefix + c).as(c));
        }
        for (String k : keep) {
            cols.add(col(k));
        }
        return rows.select(cols.toArray(Column[]::new));
    }
}
