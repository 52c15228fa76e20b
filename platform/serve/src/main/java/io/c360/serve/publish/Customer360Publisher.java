package io.c360.serve.publish;

import io.c360.lake.CachedRows;
import io.c360.lake.DriverRows;
import io.c360.lake.LakeSession;
import io.c360.lake.model.ColumnDoc;
import io.c360.lake.model.ModelProject;
import io.c360.runtime.Progress;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.ProfileChanges;
import io.c360.serve.store.ProfileSource;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Publishes {@code analytics.customer_360} with {@code analytics.customer_lookup_keys} to the
 * profile store. Spark builds every profile document (the columns grouped into one object per
 * dimension, in the model's column order, nulls kept: null = the source has nothing) and its
 * content hash in parallel, compares the hashes with the stored ones, and only the changed
 * profiles travel to the driver, partition by partition (never collected), into
 * {@link ProfileStore#publish}, which makes the publish atomic.
 */
public final class Customer360Publisher {

    /** Changes on every run without the customer changing; the store's version records the run. */
    private static final String AS_OF = "as_of_date";
    private static final Map<String, String> JSON_OPTIONS = Map.of("ignoreNullFields", "false",
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "timeZone", "UTC");
    private static final StructType STORED = new StructType()
            .add("stored_id", DataTypes.StringType, false).add("stored_hash", DataTypes.StringType, false);

    private final SparkSession spark;
    private final ProfileStore store;

    public Customer360Publisher(SparkSession spark, ProfileStore store) {
        this.spark = spark;
        this.store = store;
    }

    /**
     * @param runId the analytics run the profiles come from (the store's version records it)
     * @param sent  counts the changed profiles as they are sent to the store
     */
    public ProfileVersion publish(String runId, Progress.Step sent) {
        return store.publish(runId, (ProfileSource) stored -> changesSince(stored, sent));
    }

    /**
     * The profiles that differ from {@code storedHashes} (customer_id → content hash), compared and
     * built in Spark and cached there until closed; {@code sent} counts them as they are read.
     */
    public ProfileChanges changesSince(Map<String, String> storedHashes, Progress.Step sent) {
        List<Row> rows = new ArrayList<>(storedHashes.size());
        storedHashes.forEach((id, hash) -> rows.add(RowFactory.create(id, hash)));
        Dataset<Row> stored = DriverRows.frame(spark, rows, STORED);
        Dataset<Row> customers = overAllCores("analytics.customer_360");
        Dataset<Row> keys = lookupKeys();
        Column doc = document(customers.schema());
        Dataset<Row> incoming = customers.join(broadcast(keys), customers.col("customer_id").equalTo(keys.col("key_customer_id")), "left_outer")
                .withColumn("doc_hash", contentHash(customers, doc));
        Dataset<Row> changed = incoming.join(broadcast(stored), col("customer_id").equalTo(col("stored_id")), "left_outer")
                .where(col("stored_hash").isNull().or(col("stored_hash").notEqual(col("doc_hash"))))
                // after the comparison: only the changed profiles' documents are built
                .select(col("customer_id"), col("full_name").as("name"), doc.as("doc"), col("doc_hash"), col("lookup_keys"), col("branch_ids"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = changed.count();
        List<String> removed = storedHashes.isEmpty() ? List.of()
                : stored.join(customers, col("stored_id").equalTo(col("customer_id")), "left_anti")
                        .select("stored_id").collectAsList().stream().map(r -> r.getString(0)).toList();
        return new SparkChanges(changed, count, removed, sent);
    }

    /**
     * A hash of everything the store keeps for a customer, from the row's values rather than from
     * its document, so that unchanged profiles are recognized without building their documents:
     * 64 bits over the values, the lookup keys and the document's layout (a new layout rewrites
     * every profile once), and 64 bits over which values are null (Spark's hash skips nulls, so
     * a value moving to the neighbouring column would otherwise hash the same).
     */
    private static Column contentHash(Dataset<Row> customers, Column doc) {
        List<Column> values = new ArrayList<>();
        values.add(lit(doc.toString()));
        for (String c : customers.columns()) {
            if (!c.equals(AS_OF)) {
                values.add(col(c));
            }
        }
        values.add(col("lookup_keys"));
        Column nulls = array(values.stream().map(Column::isNull).toArray(Column[]::new));
        return format_string("%016x%016x", xxhash64(values.toArray(Column[]::new)), xxhash64(nulls));
    }

    /**
     * The table read in about two tasks per core (as far as its data files and their row groups can be split):
     * by default Iceberg packs small files into tasks of up to 16 MB, so the ~10 MB of 100,000 profiles were
     * built into documents by one core while the other waited. (The lookup keys are read as they are: split,
     * each task's partial aggregation would hold nearly every customer.)
     */
    private Dataset<Row> overAllCores(String table) {
        Snapshot current = LakeSession.icebergTable(spark, table).currentSnapshot();
        long bytes = current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-files-size", "0"));
        long split = Math.max(1, bytes / (2L * spark.sparkContext().defaultParallelism()));
        return spark.read().option("split-size", String.valueOf(split)).option("file-open-cost", "0").table(table);
    }

    /** Every customer's lookup keys, normalized as {@link LookupKey#of} does, distinct and sorted. */
    private Dataset<Row> lookupKeys() {
        Column kind = lower(trim(col("kind")));
        return spark.table("analytics.customer_lookup_keys")
                .select(col("customer_id").as("key_customer_id"), col("key"), when(kind.rlike("^" + LookupKey.KIND_PATTERN + "$"), kind)
                        .otherwise(raise_error(concat(lit("lookup key kind must be a lower-case name like crm or email, got "),
                                coalesce(col("kind"), lit("null")), lit(" for customer "), col("customer_id")))).as("kind"))
                .select(col("key_customer_id"), col("kind"), expr(LookupKey.normalizeSql("kind", "key")).as("key"))
                .where("key <> ''")
                .groupBy("key_customer_id").agg(sort_array(collect_set(struct(col("kind"), col("key")))).as("lookup_keys"));
    }

    /** The document: each column under its dimension's object (columns without one at the top level), in model order. */
    private static Column document(StructType schema) {
        Map<String, String> dimensions = ModelProject.fromClasspath("analytics").get("customer_360").spec().columns().stream()
                .collect(Collectors.toMap(ColumnDoc::name, ColumnDoc::dimension));
        Map<String, List<Column>> groups = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (String column : schema.fieldNames()) {
            String dimension = dimensions.getOrDefault(column, "");
            if (column.equals(AS_OF)) {
                continue;
            }
            if (dimension.isEmpty()) {
                order.add(col(column));
            } else {
                if (!groups.containsKey(dimension)) {
                    order.add(dimension);
                }
                groups.computeIfAbsent(dimension, d -> new ArrayList<>()).add(col(column));
            }
        }
        Column[] fields = order.stream()
                .map(o -> o instanceof String d ? struct(groups.get(d).toArray(Column[]::new)).as(d) : (Column) o)
                .toArray(Column[]::new);
        return to_json(struct(fields), JSON_OPTIONS);
    }

    /** The changed profiles, cached in Spark until the store has read them. */
    private static final class SparkChanges implements ProfileChanges {

        private final Dataset<Row> changed;
        private final long count;
        private final List<String> removed;
        private final Progress.Step step;

        SparkChanges(Dataset<Row> changed, long count, List<String> removed, Progress.Step step) {
            this.changed = changed;
            this.count = count;
            this.removed = removed;
            this.step = step;
        }

        @Override
        public long changed() {
            return count;
        }

        @Override
        public List<String> removed() {
            return removed;
        }

        @Override
        public Iterator<Document> documents() {
            return rows(changed.select("customer_id", "name", "doc", "doc_hash", "lookup_keys", "branch_ids"), r -> {
                step.add(1);
                List<LookupKey> keys = r.isNullAt(4) ? List.of()
                        : r.<Row>getList(4).stream().map(k -> new LookupKey(k.getString(0), k.getString(1))).toList();
                List<String> branches = r.isNullAt(5) ? List.of() : r.<String>getList(5).stream().distinct().toList();
                return new Document(r.getString(0), r.getString(1), r.getString(2), r.getString(3), keys, branches);
            });
        }

        @Override
        public void close() {
            CachedRows.release(changed);
        }

        private static <T> Iterator<T> rows(Dataset<Row> rows, Function<Row, T> as) {
            Iterator<Row> source = rows.toLocalIterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return source.hasNext();
                }

                @Override
                public T next() {
                    return as.apply(source.next());
                }
            };
        }
    }
}
