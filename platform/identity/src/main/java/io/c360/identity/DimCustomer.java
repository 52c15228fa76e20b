package io.c360.identity;

import io.c360.lake.DriverRows;
import io.c360.lake.MergeOnRead;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.broadcast;
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
 * all sources keeps only closed rows. Each current row keeps the fingerprint of the member records
 * it was built from ({@code members_hash}): an update rebuilds only the customers whose records
 * changed since (or who appeared or disappeared), and writes only their rows (one MERGE, merge-on-read:
 * the data files of the other customers are not rewritten).
 */
public final class DimCustomer {

    public static final String TABLE = "analytics.dim_customer";
    private static final String CHANGES = "__c360_dim_customer_changes";
    private static final StructType CUSTOMER_IDS = new StructType().add("customer_id", DataTypes.StringType);

    private DimCustomer() {
    }

    /**
     * Brings the table in line with the customers' records at time {@code now}.
     *
     * @param records normalized records ({@link PersonRecords}) with {@code customer_id}
     * @return how many customers were rebuilt
     */
    public static long update(SparkSession spark, Dataset<Row> records, List<IdentityMapping.Survivorship> rules, Timestamp now) {
        List<String> attributes = rules.stream().map(IdentityMapping.Survivorship::attribute).toList();
        Dataset<Row> members = GoldenRecord.memberHashes(records, rules).localCheckpoint();
        if (!spark.catalog().tableExists(TABLE)) {
            create(fresh(GoldenRecord.build(records, rules), members, attributes), now);
            return members.count();
        }
        if (!Arrays.asList(spark.table(TABLE).columns()).contains("members_hash")) {
            spark.sql("ALTER TABLE " + TABLE + " ADD COLUMN members_hash BIGINT"); // tables of earlier versions: every customer is rebuilt once
        }
        Dataset<Row> current = spark.table(TABLE).where(col("is_current"));
        List<Row> stale = outdated(current, members);
        if (stale.isEmpty()) {
            return 0;
        }
        Dataset<Row> scope = broadcast(DriverRows.frame(spark, stale, CUSTOMER_IDS));
        Dataset<Row> fresh = fresh(GoldenRecord.build(records.join(scope, "customer_id"), rules), members, attributes);
        changes(current.join(scope, "customer_id"), fresh, attributes, now).createOrReplaceTempView(CHANGES);
        spark.sql(merge(fresh.columns()));
        return stale.size();
    }

    private static void create(Dataset<Row> fresh, Timestamp now) {
        MergeOnRead.createOrReplace(TABLE, fresh.withColumn("valid_from", lit(now)).withColumn("valid_to", lit(null).cast("timestamp"))
                .withColumn("is_current", lit(true)).withColumn("change_reason", lit("new customer"))
                .withColumn("end_reason", lit(null).cast("string")));
    }

    /** The customers whose members changed since their current row was built, who are new, or who are gone. */
    private static List<Row> outdated(Dataset<Row> current, Dataset<Row> members) {
        return current.select(col("customer_id").as("c_customer_id"), col("members_hash").as("c_members_hash"))
                .join(members, col("c_customer_id").equalTo(col("customer_id")), "full_outer")
                .where(not(col("c_members_hash").eqNullSafe(col("members_hash"))))
                .select(coalesce(col("customer_id"), col("c_customer_id"))).collectAsList();
    }

    private static Dataset<Row> fresh(Dataset<Row> golden, Dataset<Row> members, List<String> attributes) {
        return golden.join(members, "customer_id").withColumn("attributes_hash",
                sha2(to_json(struct(attributes.stream().map(a -> col(a)).toArray(Column[]::new))), 256));
    }

    /**
     * Per outdated customer: a row closing its current row ({@code merge_key} = customer_id) and one
     * opening the new one ({@code merge_key} null, so it never matches) when its values changed, or
     * one refreshing the current row's fingerprint and value records when only its members did.
     */
    private static Dataset<Row> changes(Dataset<Row> current, Dataset<Row> fresh, List<String> attributes, Timestamp now) {
        List<Column> stored = new ArrayList<>(List.of(col("customer_id").as("c_customer_id"), col("attributes_hash").as("c_hash")));
        attributes.forEach(a -> stored.add(col(a).as("c_" + a)));
        Dataset<Row> both = current.select(stored.toArray(Column[]::new))
                .join(fresh, col("c_customer_id").equalTo(col("customer_id")), "full_outer");
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
        Column sameValues = coalesce(col("c_hash").equalTo(col("attributes_hash")), lit(false));
        values.add(col("c_customer_id").isNotNull().and(not(sameValues)).as("closes"));
        values.add(col("customer_id").isNotNull().and(not(sameValues)).as("opens"));
        values.add(sameValues.as("refreshes"));
        Dataset<Row> changed = both.select(values.toArray(Column[]::new)).localCheckpoint();
        Dataset<Row> update = changed.where(col("closes").or(col("refreshes"))).withColumn("merge_key", col("customer_id"));
        Dataset<Row> open = changed.where(col("opens")).withColumn("merge_key", lit(null).cast("string"));
        return update.unionByName(open);
    }

    private static String merge(String[] freshColumns) {
        String columns = Arrays.stream(freshColumns).map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        String values = Arrays.stream(freshColumns).map(c -> "s.`" + c + "`").collect(Collectors.joining(", "));
        return "MERGE INTO " + TABLE + " t USING " + CHANGES + " s ON t.customer_id = s.merge_key AND t.is_current"
                + " WHEN MATCHED AND s.closes THEN UPDATE SET t.valid_to = s.changed_at, t.is_current = false, t.end_reason = s.reason"
                + " WHEN MATCHED THEN UPDATE SET t.members_hash = s.members_hash, t.value_records = s.value_records"
                + " WHEN NOT MATCHED AND s.merge_key IS NULL THEN INSERT (" + columns + ", valid_from, valid_to, is_current, change_reason, end_reason)"
                + " VALUES (" + values + ", s.changed_at, CAST(NULL AS TIMESTAMP), true, s.reason, CAST(NULL AS STRING))";
    }
}
