package io.c360.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * The golden record of each customer: per attribute, the value of one member record chosen by the
 * declared survivorship rule, with the record it came from ({@code value_records}: attribute →
 * uid, which names the source).
 */
public final class GoldenRecord {

    private GoldenRecord() {
    }

    /**
     * @param records    normalized records ({@link PersonRecords}) with {@code customer_id}
     * @return {@code customer_id}, one column per attribute, {@code value_records}
     */
    public static Dataset<Row> build(Dataset<Row> records, List<IdentityMapping.Survivorship> rules) {
        List<Column> entries = new ArrayList<>();
        for (IdentityMapping.Survivorship r : rules) {
            entries.add(struct(lit(r.attribute()).as("attribute"), col(r.attribute()).as("value")));
        }
        Dataset<Row> values = records
                .select(col("customer_id"), col("uid"), col("source"), explode(array(entries.toArray(Column[]::new))).as("e"))
                .select(col("customer_id"), col("uid"), col("source"), col("e.attribute").as("attribute"), col("e.value").as("value"))
                .where(col("value").isNotNull())
                .groupBy("customer_id", "attribute", "value")
                .agg(count("*").as("frequency"), min("uid").as("record"), min(sourceRank(rules)).as("source_rank"));
        Dataset<Row> winners = values.withColumn("rank", row_number().over(
                        Window.partitionBy("customer_id", "attribute").orderBy(preference(rules))))
                .where(col("rank").equalTo(1));
        List<Column> attributes = new ArrayList<>();
        for (IdentityMapping.Survivorship r : rules) {
            attributes.add(first(when(col("attribute").equalTo(r.attribute()), col("value")), true).as(r.attribute()));
        }
        attributes.add(map_from_entries(collect_list(struct(col("attribute"), col("record")))).as("value_records"));
        Dataset<Row> golden = winners.groupBy("customer_id").agg(attributes.get(0), attributes.subList(1, attributes.size()).toArray(Column[]::new));
        Dataset<Row> customers = records.select("customer_id").distinct();
        return customers.join(golden, customers.col("customer_id").equalTo(golden.col("customer_id")), "left")
                .drop(golden.col("customer_id"));
    }

    /** Position of the record's source in the attribute's priority list (later = worse; unlisted = last). */
    private static Column sourceRank(List<IdentityMapping.Survivorship> rules) {
        Column rank = lit(Integer.MAX_VALUE);
        for (IdentityMapping.Survivorship r : rules) {
            for (int i = r.sources().size() - 1; i >= 0; i--) {
                rank = when(col("attribute").equalTo(r.attribute()).and(col("source").equalTo(r.sources().get(i))), lit(i)).otherwise(rank);
            }
        }
        return rank;
    }

    private static Column[] preference(List<IdentityMapping.Survivorship> rules) {
        Column priority = lit(0);
        Column completeness = lit(0);
        for (IdentityMapping.Survivorship r : rules) {
            Column isIt = col("attribute").equalTo(r.attribute());
            if (r.rule().equals("source-priority")) {
                priority = when(isIt, col("source_rank")).otherwise(priority);
            } else if (r.rule().equals("most-complete")) {
                completeness = when(isIt, length(col("value"))).otherwise(completeness);
            }
        }
        return new Column[]{priority.asc(), completeness.desc(), col("frequency").desc(), col("value").asc()};
    }
}
