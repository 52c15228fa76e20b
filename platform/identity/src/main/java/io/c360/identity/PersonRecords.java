package io.c360.identity;

import io.c360.lake.ConformFunctions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Turns any DataFrame of person records into the common normalized form through a
 * {@link IdentityMapping.SourceMapping}: columns {@code uid, source, entity, record_key}, the
 * identity fields (lower-case ASCII names, lower-case emails, digits-only phones, valid national
 * ids, ISO birth dates), {@code email_local}, one {@code key_<name>} column per source key and
 * {@code profile_id}: a fingerprint of the compared fields (null when the record has none).
 */
public final class PersonRecords {

    private static final String VALID_CPF = "cpf_valid";

    private PersonRecords() {
    }

    /** Normalizes and unions the given inputs (one per source of the mapping), one row per uid; computed eagerly. */
    public static Dataset<Row> normalize(SparkSession spark, IdentityMapping mapping,
                                         Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs) {
        ConformFunctions.register(spark);
        PlainText.register(spark);
        Dataset<Row> all = null;
        for (Map.Entry<IdentityMapping.SourceMapping, Dataset<Row>> e : inputs.entrySet()) {
            Dataset<Row> one = normalizeOne(e.getValue(), e.getKey(), mapping);
            all = all == null ? one : all.unionByName(one);
        }
        if (all == null) {
            throw new IllegalArgumentException("no input of person records");
        }
        // materialised once: every later step reads the records, and would otherwise re-plan and re-run the normalisation
        return oneRowPerUid(all.localCheckpoint()).withColumn("profile_id", profileId(mapping)).localCheckpoint();
    }

    /**
     * A record key seen twice (e.g. a client with several dispositions) is one record: the smallest
     * of its rows (all columns in order). Only the repeated keys are grouped: a minimum over rows is a
     * sort-based aggregation, which sorted every record.
     */
    private static Dataset<Row> oneRowPerUid(Dataset<Row> all) {
        Dataset<Row> repeated = broadcast(all.groupBy("uid").count().where(col("count").gt(1)).select("uid").localCheckpoint());
        List<String> rest = new ArrayList<>(Arrays.asList(all.columns()));
        rest.remove("uid");
        Dataset<Row> merged = all.join(repeated, "uid")
                .groupBy("uid").agg(min(struct(rest.stream().map(c -> col(c)).toArray(Column[]::new))).as("r"))
                .select("uid", "r.*");
        return all.join(repeated, all.col("uid").equalTo(repeated.col("uid")), "left_anti").unionByName(merged);
    }

    private static Dataset<Row> normalizeOne(Dataset<Row> input, IdentityMapping.SourceMapping source,
                                             IdentityMapping mapping) {
        Map<String, String> f = source.fields();
        List<String> available = Arrays.asList(input.columns());
        checkColumns(source, available);
        List<Column> cols = new ArrayList<>();
        Column recordKey = trim(col(quote(source.recordKey())).cast("string"));
        cols.add(concat_ws("|", lit(source.source()), lit(source.entity()), recordKey).as("uid"));
        cols.add(lit(source.source()).as("source"));
        cols.add(lit(source.entity()).as("entity"));
        cols.add(recordKey.as("record_key"));
        Column fullName = f.containsKey("full_name") ? name(col(quote(f.get("full_name")))) : null;
        Column parts = fullName == null ? null : split(fullName, " ");
        cols.add(firstOf(f, "first_name", PersonRecords::name,
                parts == null ? null : element_at(parts, 1)).as("first_name"));
        cols.add(firstOf(f, "last_name", PersonRecords::name,
                parts == null ? null : when(size(parts).gt(1), element_at(parts, -1))).as("last_name"));
        cols.add(firstOf(f, "birth_date", c -> date(c, source.dateFormat()), null).as("birth_date"));
        Column email = firstOf(f, "email", PersonRecords::email, null);
        cols.add(email.as("email"));
        cols.add(firstOf(f, "phone", PersonRecords::phone, null).as("phone"));
        cols.add(firstOf(f, "national_id", c -> nationalId(c, mapping.settings().cpfNationalIds()), null).as("national_id"));
        for (String text : List.of("street", "city", "state", "country")) {
            cols.add(firstOf(f, text, PersonRecords::text, null).as(text));
        }
        cols.add(firstOf(f, "postal_code", PersonRecords::postalCode, null).as("postal_code"));
        for (String key : mapping.keyNames()) {
            String column = source.keys().get(key);
            cols.add((column == null ? lit(null).cast("string") : blankToNull(trim(col(quote(column)).cast("string"))))
                    .as("key_" + key));
        }
        Dataset<Row> out = input.select(cols.toArray(Column[]::new)).where(col("record_key").isNotNull().and(col("record_key").notEqual("")));
        return out.withColumn("email_local", expr("substring_index(email, '@', 1)"));
    }

    private static void checkColumns(IdentityMapping.SourceMapping source, List<String> available) {
        List<String> wanted = new ArrayList<>(source.fields().values());
        wanted.addAll(source.keys().values());
        wanted.add(source.recordKey());
        for (String w : wanted) {
            if (available.stream().noneMatch(a -> a.equalsIgnoreCase(w))) {
                throw new IllegalArgumentException("input of source '" + source.source() + "'"
                        + (source.table().isEmpty() ? "" : " (" + source.table() + ")") + " has no column '" + w
                        + "' named in the mapping; its columns are " + available);
            }
        }
    }

    private static Column firstOf(Map<String, String> fields, String field, java.util.function.Function<Column, Column> normalizer,
                                  Column fallback) {
        if (fields.containsKey(field)) {
            Column mapped = normalizer.apply(col(quote(fields.get(field))));
            return fallback == null ? mapped : coalesce(mapped, fallback);
        }
        return fallback == null ? lit(null).cast("string") : fallback;
    }

    static Column name(Column c) {
        return callUDF(PlainText.NAME, c.cast("string"));
    }

    static Column text(Column c) {
        return callUDF(PlainText.TEXT, c.cast("string"));
    }

    static Column email(Column c) {
        Column e = lower(trim(c.cast("string")));
        return when(e.rlike("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), e);
    }

    static Column phone(Column c) {
        Column digits = regexp_replace(c.cast("string"), "[^0-9]", "");
        return when(length(digits).geq(8), when(length(digits).gt(11), digits.substr(-11, 11)).otherwise(digits));
    }

    static Column nationalId(Column c, boolean cpf) {
        if (cpf) {
            Column digits = regexp_replace(c.cast("string"), "[^0-9]", "");
            return when(callUDF(VALID_CPF, digits), digits);
        }
        return blankToNull(regexp_replace(upper(c.cast("string")), "[^0-9A-Z]", ""));
    }

    static Column date(Column c, String format) {
        Column parsed = format.isEmpty() ? to_date(c.cast("string")) : to_date(c.cast("string"), format);
        return date_format(parsed, "yyyy-MM-dd");
    }

    static Column postalCode(Column c) {
        return blankToNull(regexp_replace(upper(c.cast("string")), "[^0-9A-Z]", ""));
    }

    private static Column blankToNull(Column c) {
        return when(c.notEqual(""), c);
    }

    private static Column profileId(IdentityMapping mapping) {
        List<String> fields = mapping.comparedFields();
        Column anyPresent = lit(false);
        List<Column> parts = new ArrayList<>();
        for (String field : fields) {
            anyPresent = anyPresent.or(col(field).isNotNull());
            parts.add(coalesce(col(field), lit("\u0000")));
        }
        return when(anyPresent, xxhash64(concat_ws("\u0001", parts.toArray(Column[]::new))));
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
