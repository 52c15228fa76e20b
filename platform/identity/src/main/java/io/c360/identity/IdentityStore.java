package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The identity tables of the lake (Iceberg, analytics namespace): {@value #IDENTITY} (every
 * source record → customer_id, with the run that first saw it), {@value #LINKS} (the accepted
 * links of the current clustering, with rule or per-field weights), {@value #EVENTS} (merges,
 * splits, removals of customers, appended per run) and {@value #RUNS} (one row per run with its
 * counts and the match model, which incremental runs reuse).
 */
public final class IdentityStore {

    public static final String IDENTITY = "analytics.customer_identity";
    public static final String LINKS = "analytics.identity_links";
    public static final String EVENTS = "analytics.identity_events";
    public static final String RUNS = "analytics.identity_runs";

    private static final StructType RUN_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType).add("finished_at", DataTypes.TimestampType)
            .add("mode", DataTypes.StringType).add("records", DataTypes.LongType).add("profiles", DataTypes.LongType)
            .add("candidate_pairs", DataTypes.LongType).add("deterministic_links", DataTypes.LongType)
            .add("probabilistic_links", DataTypes.LongType).add("customers", DataTypes.LongType)
            .add("largest_customer", DataTypes.LongType).add("max_sequence", DataTypes.LongType)
            .add("model", DataTypes.StringType).add("warnings", DataTypes.createArrayType(DataTypes.StringType));

    private final SparkSession spark;

    public IdentityStore(SparkSession spark) {
        this.spark = spark;
    }

    public boolean exists(String table) {
        return spark.catalog().tableExists(table);
    }

    /** The state left by the last run, if any. */
    public Optional<IdentityResolver.Previous> previous() {
        if (!exists(RUNS) || !exists(IDENTITY)) {
            return Optional.empty();
        }
        List<Row> last = spark.table(RUNS).orderBy(col("run_id").desc()).limit(1).collectAsList();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Row run = last.get(0);
        Dataset<Row> links = exists(LINKS) ? spark.table(LINKS) : spark.createDataFrame(List.of(), IdentityResolver.LINK_SCHEMA);
        return Optional.of(new IdentityResolver.Previous(spark.table(IDENTITY), links,
                MatchModel.fromJson(run.getString(run.fieldIndex("model"))), run.getLong(run.fieldIndex("max_sequence"))));
    }

    /**
     * Replaces the current identity map and links, appends the events and the run row. The identities
     * are materialised first, because they are computed from the table being replaced (the links and
     * events are rows built in the driver).
     */
    public void save(String runId, String mode, IdentityResolver.Resolution r, Optional<IdentityResolver.Previous> previous) {
        Dataset<Row> identities = r.identities();
        if (previous.isPresent()) {
            Dataset<Row> seen = previous.get().identities().select(col("uid"), col("first_seen_run").as("seen"));
            identities = identities.join(seen, "uid", "left")
                    .withColumn("first_seen_run", coalesce(col("seen"), lit(runId))).drop("seen");
        } else {
            identities = identities.withColumn("first_seen_run", lit(runId));
        }
        identities = identities.withColumn("run_id", lit(runId)).localCheckpoint();
        Dataset<Row> links = r.links().withColumn("run_id", lit(runId));
        Dataset<Row> events = r.events().withColumn("run_id", lit(runId))
                .withColumn("event_time", lit(Timestamp.from(Instant.now())));
        identities.writeTo(IDENTITY).createOrReplace();
        links.writeTo(LINKS).createOrReplace();
        append(EVENTS, events);
        IdentityResolver.Stats s = r.stats();
        Row run = org.apache.spark.sql.RowFactory.create(runId, Timestamp.from(Instant.now()), mode, s.records(), s.profiles(),
                s.candidatePairs(), s.deterministicLinks(), s.probabilisticLinks(), s.clusters(), s.largestCluster(),
                r.maxSequence(), r.model().toJson(), s.warnings().toArray(new String[0]));
        append(RUNS, spark.createDataFrame(List.of(run), RUN_SCHEMA));
    }

    private void append(String table, Dataset<Row> rows) {
        try {
            if (exists(table)) {
                rows.writeTo(table).append();
            } else {
                rows.writeTo(table).create();
            }
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("table " + table + " vanished while writing", e);
        }
    }
}
