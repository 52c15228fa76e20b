package io.c360.identity;

import io.c360.lake.DriverRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The golden record of each customer: per attribute, the value of one member record chosen by the
 * declared survivorship rule, with the record it came from ({@code value_records}: attribute →
 * uid, which names the source). Computed in the driver from one collect of the records (a few
 * hundred bytes each): grouping millions of attribute values in Spark cost far more at this size.
 */
public final class GoldenRecord {

    private GoldenRecord() {
    }

    /** One candidate value of one attribute of one customer. */
    private static final class Candidate {
        final String value;
        long frequency;
        String record;
        int sourceRank = Integer.MAX_VALUE;

        Candidate(String value) {
            this.value = value;
        }
    }

    /**
     * @param records normalized records ({@link PersonRecords}) with {@code customer_id}
     * @return {@code customer_id}, one column per attribute, {@code value_records}
     */
    public static Dataset<Row> build(Dataset<Row> records, List<IdentityMapping.Survivorship> rules) {
        List<Column> cols = new ArrayList<>(List.of(col("customer_id"), col("uid"), col("source")));
        rules.forEach(r -> cols.add(col(r.attribute())));
        // customer → attribute index → value → candidate
        Map<String, List<Map<String, Candidate>>> customers = new LinkedHashMap<>();
        for (Row r : records.select(cols.toArray(Column[]::new)).collectAsList()) {
            List<Map<String, Candidate>> attributes = customers.computeIfAbsent(r.getString(0), c -> {
                List<Map<String, Candidate>> empty = new ArrayList<>();
                rules.forEach(rule -> empty.add(new HashMap<>()));
                return empty;
            });
            String uid = r.getString(1);
            String source = r.getString(2);
            for (int a = 0; a < rules.size(); a++) {
                String value = r.getString(3 + a);
                if (value != null) {
                    Candidate c = attributes.get(a).computeIfAbsent(value, Candidate::new);
                    c.frequency++;
                    c.record = c.record == null || uid.compareTo(c.record) < 0 ? uid : c.record;
                    int rank = rules.get(a).sources().indexOf(source);
                    c.sourceRank = Math.min(c.sourceRank, rank < 0 ? Integer.MAX_VALUE : rank);
                }
            }
        }
        List<Row> rows = new ArrayList<>(customers.size());
        customers.forEach((customer, attributes) -> rows.add(golden(customer, attributes, rules)));
        return DriverRows.frame(records.sparkSession(), rows, schema(rules));
    }

    /**
     * Per customer, a fingerprint of everything its golden record is built from: its member records
     * (uid, source, the attribute values) and the rules. Order-independent (xor of the records'
     * hashes), so it only changes when a member record is added, removed or changed, or the rules change.
     *
     * @return {@code customer_id, members_hash}
     */
    public static Dataset<Row> memberHashes(Dataset<Row> records, List<IdentityMapping.Survivorship> rules) {
        List<Column> parts = new ArrayList<>(List.of(lit(rules.toString()), col("uid"), col("source")));
        // a marker for null, so that a value moving to a neighbouring attribute changes the hash
        rules.forEach(r -> parts.add(coalesce(col(r.attribute()), lit("\u0000"))));
        return records.groupBy("customer_id")
                .agg(bit_xor(xxhash64(concat_ws("\u0001", parts.toArray(Column[]::new)))).as("members_hash"));
    }

    private static Row golden(String customer, List<Map<String, Candidate>> attributes, List<IdentityMapping.Survivorship> rules) {
        Object[] values = new Object[rules.size() + 2];
        values[0] = customer;
        Map<String, String> valueRecords = new LinkedHashMap<>();
        for (int a = 0; a < rules.size(); a++) {
            IdentityMapping.Survivorship rule = rules.get(a);
            Candidate winner = attributes.get(a).values().stream().min(preference(rule)).orElse(null);
            if (winner != null) {
                values[1 + a] = winner.value;
                valueRecords.put(rule.attribute(), winner.record);
            }
        }
        values[rules.size() + 1] = valueRecords.isEmpty() ? null : scala.collection.JavaConverters.mapAsScalaMap(valueRecords);
        return RowFactory.create(values);
    }

    /** Source priority (source-priority rule), then length (most-complete rule), then frequency, then the smallest value. */
    private static Comparator<Candidate> preference(IdentityMapping.Survivorship rule) {
        Comparator<Candidate> byPriority = Comparator.comparingInt(c -> rule.rule().equals("source-priority") ? c.sourceRank : 0);
        return byPriority
                .thenComparing(Comparator.comparingInt((Candidate c) -> rule.rule().equals("most-complete") ? c.value.length() : 0).reversed())
                .thenComparing(Comparator.comparingLong((Candidate c) -> c.frequency).reversed())
                .thenComparing(c -> c.value);
    }

    private static StructType schema(List<IdentityMapping.Survivorship> rules) {
        StructType schema = new StructType().add("customer_id", DataTypes.StringType);
        for (IdentityMapping.Survivorship r : rules) {
            schema = schema.add(r.attribute(), DataTypes.StringType);
        }
        return schema.add("value_records", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    }
}
