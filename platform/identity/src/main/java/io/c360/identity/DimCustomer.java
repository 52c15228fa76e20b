package io.c360.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * {@value #TABLE}: the golden record as a slowly changing dimension of type 2. A customer whose
 * golden values change gets its current row closed ({@code valid_to}, {@code end_reason}) and a new
 * current row ({@code change_reason} names the changed attributes); a customer who disappears from
 * all sources keeps only closed rows. An update writes only the rows of customers that changed,
 * appeared or disappeared (one MERGE), not the whole history.
 */
public final class DimCustomer {

    public static final String TABLE = "analytics.dim_customer";
    private static final String CHANGES = "__c360_dim_customer_changes";

    private DimCustomer() {
    }

    /** Applies the current golden records ({@link GoldenRecord#build}) at time {@code now}. */
    public static void update(SparkSession spark, Dataset<Row> golden, List<String> attributes, Timestamp now) {
        Dataset<Row> fresh = golden.withColumn("attributes_hash",
                sha2(to_json(struct(attributes.stream().map(a -> col(a)).toArray(Column[]::new))), 256));
        if (!spark.catalog().tableExists(TABLE)) {
            fresh.withColumn("valid_from", lit(now)).withColumn("valid_to", lit(null).cast("timestamp"))
                    .withColumn("is_current", lit(true)).withColumn("change_reason", lit("new customer"))
                    .withColumn("end_reason", lit(null).cast("string"))
                    .writeTo(TABLE).createOrReplace();
            return;
        }
        changes(spark.table(TABLE).where(col("is_current")), fresh, attributes, now).createOrReplaceTempView(CHANGES);
        spark.sql(merge(fresh.columns()));
    }

    /**
     * One row per current row to close ({@code merge_key} = customer_id) and one per row to open ({@code merge_key}
     * null, so it never matches): the fresh values, the reason and the time.
     */
    private static Dataset<Row> changes(Dataset<Row> current, Dataset<Row> fresh, List<String> attributes, Timestamp now) {
        List<Column> stored = new ArrayList<>(List.of(col("customer_id").as("c_customer_id"), col("attributes_hash").as("c_hash")));
        attributes.forEach(a -> stored.add(col(a).as("c_" + a)));
        Dataset<Row> both = current.select(stored.toArray(Column[]::new))
                .join(fresh, col("c_customer_id").equalTo(col("customer_id")), "full_outer")
                .where(col("c_customer_id").isNull().or(col("customer_id").isNull()).or(col("c_hash").notEqual(col("attributes_hash"))));
        Column changedNames = concat_ws(", ", attributes.stream()
                .map(a -> when(not(col("c_" + a).eqNullSafe(col(a))), lit(a))).toArray(Column[]::new));
        Column reason = when(col("customer_id").isNull(), lit("no longer in any source"))
                .when(col("c_customer_id").isNull(), lit("new customer"))
                .otherwise(concat(lit("changed: "), changedNames));
        List<Column> values = new ArrayList<>();
        for (String c : fresh.columns()) {
            values.add(c.equals("customer_id") ? coalesce(col("customer_id"), col("c_customer_id")).as(c) : col(c));
        }
        values.add(reason.as("reason"));
        values.add(lit(now).as("changed_at"));
        values.add(col("c_customer_id").isNotNull().as("closes"));
        values.add(col("customer_id").isNotNull().as("opens"));
        Dataset<Row> changed = both.select(values.toArray(Column[]::new)).localCheckpoint();
        Dataset<Row> close = changed.where(col("closes")).withColumn("merge_key", col("customer_id"));
        Dataset<Row> open = changed.where(col("opens")).withColumn("merge_key", lit(null).cast("string"));
        return close.unionByName(open);
    }

    private static String merge(String[] freshColumns) {
        String columns = Arrays.stream(freshColumns).map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        String values = Arrays.stream(freshColumns).map(c -> "s.`" + c + "`").collect(Collectors.joining(", "));
        return "MERGE INTO " + TABLE + " t USING " + CHANGES + " s ON t.customer_id = s.merge_key AND t.is_current"
                + " WHEN MATCHED THEN UPDATE SET t.valid_to = s.changed_at, t.is_current = false, t.end_reason = s.reason"
                + " WHEN NOT MATCHED AND s.merge_key IS NULL THEN INSERT (" + columns + ", valid_from, valid_to, is_current, change_reason, end_reason)"
                + " VALUES (" + values + ", s.changed_at, CAST(NULL AS TIMESTAMP), true, s.reason, CAST(NULL AS STRING))";
    }
}
