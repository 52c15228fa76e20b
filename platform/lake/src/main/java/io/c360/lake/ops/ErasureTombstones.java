package io.c360.lake.ops;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;

/**
 * {@code ops.erasure_tombstones}: the source keys of erased persons, hashed, with the erasure's
 * time. Raw batches landed before an erasure never bring its records back (a restored backup, a
 * reprocess); a batch landed afterwards that holds the key again is new data from the source.
 */
public final class ErasureTombstones {

    public static final String TABLE = "ops.erasure_tombstones";
    private static final DateTimeFormatter BATCH_PREFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType)
            .add("entity", DataTypes.StringType)
            .add("field", DataTypes.StringType)
            .add("key_hash", DataTypes.StringType)
            .add("erasure_id", DataTypes.StringType)
            .add("erased_at", DataTypes.TimestampType)
            .add("landed_before_batch", DataTypes.StringType);

    private final SparkSession spark;
    private List<Row> loaded;

    public ErasureTombstones(SparkSession spark) {
        this.spark = spark;
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (source STRING, entity STRING, field STRING, key_hash STRING, "
                + "erasure_id STRING, erased_at TIMESTAMP, landed_before_batch STRING) USING iceberg");
    }

    /** The hash a tombstone stores for one raw field value (never the value itself). */
    public static String keyHash(String source, String entity, String field, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", source, entity, field, value.trim()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records tombstones for raw field values: {@code values} maps field name to its erased values. */
    public long write(String source, String entity, Map<String, ? extends Iterable<String>> values, String erasureId, Instant at) {
        Timestamp ts = Timestamp.from(at);
        String before = BATCH_PREFIX.format(at);
        List<Row> rows = values.entrySet().stream()
                .flatMap(e -> java.util.stream.StreamSupport.stream(e.getValue().spliterator(), false)
                        .map(v -> RowFactory.create(source, entity, e.getKey(), keyHash(source, entity, e.getKey(), v), erasureId, ts, before)))
                .distinct().toList();
        if (!rows.isEmpty()) {
            spark.createDataFrame(rows, SCHEMA).write().mode("append").insertInto(TABLE);
        }
        return rows.size();
    }

    /** Raw rows of one entity without those an erasure tombstoned (rows of batches landed before the erasure). */
    public synchronized Dataset<Row> apply(String source, String entity, Dataset<Row> rows, String batchIdColumn) {
        if (loaded == null) { // read once per instance: a model run reads many entities
            loaded = spark.sql("SELECT source, entity, field, key_hash, landed_before_batch FROM " + TABLE).collectAsList();
        }
        List<Row> stones = loaded.stream().filter(r -> r.getString(0).equals(source) && r.getString(1).equals(entity))
                .map(r -> RowFactory.create(r.getString(2), r.getString(3), r.getString(4))).toList();
        if (stones.isEmpty()) {
            return rows;
        }
        Map<String, List<Row>> byField = stones.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
        Dataset<Row> out = rows;
        for (Map.Entry<String, List<Row>> e : byField.entrySet()) {
            String field = e.getKey();
            if (!List.of(out.columns()).contains(field)) {
                continue;
            }
            Dataset<Row> hashes = spark.createDataFrame(e.getValue().stream()
                    .map(r -> RowFactory.create(r.getString(1), r.getString(2))).toList(), new StructType()
                    .add("_tomb_hash", DataTypes.StringType).add("_tomb_before", DataTypes.StringType));
            Column hash = sha2(concat_ws("|", lit(source), lit(entity), lit(field), trim(col(field).cast("string"))), 256);
            out = out.join(broadcast(hashes), hash.equalTo(col("_tomb_hash")).and(col(batchIdColumn).lt(col("_tomb_before"))), "left_anti");
        }
        return out;
    }
}
