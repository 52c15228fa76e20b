package io.c360.identity;

import io.c360.lake.DriverRows;
import io.c360.runtime.Progress;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

/**
 * The identity engine on normalized person records ({@link PersonRecords}): deterministic links,
 * blocked and Fellegi–Sunter-scored candidate pairs, connected components with a cluster-size
 * guard, stable customer ids. Full runs estimate the model by EM (unless one is given);
 * incremental runs reuse the previous model and links and only score pairs involving new or
 * changed records, which gives the same clusters as a full run with that model.
 */
public final class IdentityResolver {

    public static final String PROBABILISTIC = "probabilistic";
    public static final String IDENTICAL = "identical_attributes";

    /** State of the previous run: identities {@code uid, customer_id, profile_id}; links as produced here. */
    public record Previous(Dataset<Row> identities, Dataset<Row> links, MatchModel model, long maxSequence) {
    }

    public record Stats(long records, long profiles, long candidatePairs, long scoringNanos, long deterministicLinks,
                        long probabilisticLinks, long clusters, long largestCluster, List<String> warnings) {
        public long pairsPerSecond() {
            return scoringNanos == 0 ? 0 : (long) (candidatePairs / (scoringNanos / 1e9));
        }
    }

    /**
     * identities: {@code uid, source, entity, record_key, customer_id, profile_id, key_*};
     * members: the normalized records with their {@code customer_id};
     * links: {@code uid_a, uid_b, profile_a, profile_b, rule, match_weight, match_probability, evidence};
     * events: see {@link StableIds}.
     */
    public record Resolution(Dataset<Row> identities, Dataset<Row> members, Dataset<Row> links, Dataset<Row> events, MatchModel model,
                             long maxSequence, Stats stats) {
    }

    static final StructType LINK_SCHEMA = new StructType().add("uid_a", DataTypes.StringType).add("uid_b", DataTypes.StringType)
            .add("profile_a", DataTypes.LongType).add("profile_b", DataTypes.LongType).add("rule", DataTypes.StringType)
            .add("match_weight", DataTypes.DoubleType).add("match_probability", DataTypes.DoubleType)
            .add("evidence", DataTypes.StringType);

    private static final StructType CUSTOMER_IDS = new StructType().add("uid", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType);
    private static final long RANDOM_PAIRS = 1_000_000;

    private final SparkSession spark;
    private final IdentityMapping mapping;
    private final Progress progress;
    private final ComparisonVector vector;

    public IdentityResolver(SparkSession spark, IdentityMapping mapping, Progress progress) {
        this.spark = spark;
        this.mapping = mapping;
        this.progress = progress;
        this.vector = new ComparisonVector(mapping.comparisons());
    }

    /**
     * @param previous   null on a first run
     * @param incremental score only pairs involving profiles the previous run did not have
     * @param fixedModel  for a full run: use this model instead of estimating one (null: EM)
     */
    public Resolution resolve(Dataset<Row> records, Previous previous, boolean incremental, MatchModel fixedModel) {
        if (incremental && previous == null) {
            throw new IllegalArgumentException("an incremental run needs a previous run");
        }
        List<String> warnings = new ArrayList<>();
        long recordCount = records.count();
        ProfileTable table;
        try (Progress.Step collect = progress.start("identity: attribute profiles and their block keys", "profiles")) {
            table = ProfileTable.collect(profiles(records, incremental ? previous : null), mapping, vector);
            collect.add(table.size());
        }
        long profileCount = table.size();

        Progress.Step scoring = progress.start("identity: blocking and scoring candidate pairs", "pairs");
        CandidatePairs.Result candidates = CandidatePairs.generate(table, mapping, vector, incremental);
        warnings.addAll(candidates.skippedBlocks());
        List<Row> patternCounts = candidates.patternCounts();
        long pairCount = candidates.pairs();
        scoring.add(pairCount);
        long scoringNanos = candidates.scoringNanos();
        scoring.done(String.format(Locale.ROOT, "blocks formed in %s, pairs compared in %s",
                Progress.duration(scoring.elapsedNanos() - scoringNanos), Progress.duration(scoringNanos)));

        MatchModel model = chooseModel(previous, incremental, fixedModel, patternCounts, table, profileCount);
        model.describe(vector).forEach(progress::detail);
        List<Row> acceptedRows = acceptedPatterns(model, patternCounts);
        Set<Integer> acceptedCodes = new HashSet<>();
        acceptedRows.forEach(r -> acceptedCodes.add(r.getInt(0)));

        List<Row> linkRows = new ArrayList<>();
        RecordLinks recordLinks;
        long deterministic;
        try (Progress.Step linking = progress.start("identity: record links (rules, accepted pairs, identical records)", "links")) {
            recordLinks = new RecordLinks(records, mapping);
            recordLinks.addProbabilistic(profileLinks(candidates, acceptedRows, acceptedCodes), linkRows);
            if (incremental) {
                recordLinks.addProbabilistic(keptLinks(previous.links(), table), linkRows);
            }
            recordLinks.addIdentical(table, vector, model, mapping.settings().matchProbability(), linkRows);
            int probabilisticEnd = linkRows.size();
            recordLinks.addDeterministic(mapping.deterministic(), linkRows, warnings);
            deterministic = linkRows.size() - probabilisticEnd;
            linking.add(linkRows.size());
        }
        long probabilistic = linkRows.size() - deterministic;
        Dataset<Row> links = DriverRows.frame(spark, linkRows, LINK_SCHEMA);

        Dataset<Row> members;
        StableIds.Assignment ids;
        long clusters;
        long largest;
        try (Progress.Step clustering = progress.start("identity: clusters and stable customer ids", "records")) {
            IdentityGraph graph = IdentityGraph.of(recordLinks.uids(), linkRows);
            int[] labels = new ClusterGuard(mapping.settings().maxClusterSize()).cluster(graph, warnings);
            Map<String, String> before = previousIds(previous);
            ids = StableIds.assign(graph, labels, before, previous == null ? 0 : previous.maxSequence());
            Map<String, Long> sizes = new HashMap<>();
            for (String customer : ids.customerIds()) {
                sizes.merge(customer, 1L, Long::sum);
            }
            clusters = sizes.size();
            largest = sizes.values().stream().mapToLong(Long::longValue).max().orElse(0);
            members = withCustomerIds(records, graph.uids(), ids.customerIds(), before, previous);
            clustering.add(recordCount);
        }
        warnings.forEach(w -> progress.info("warning: " + w));
        Stats stats = new Stats(recordCount, profileCount, pairCount, scoringNanos, deterministic, probabilistic,
                clusters, largest, warnings);
        Dataset<Row> events = DriverRows.frame(spark, ids.events(), StableIds.EVENT_SCHEMA);
        return new Resolution(members.select(identityColumns()), members, links, events, model, ids.maxSequence(), stats);
    }

    /**
     * The records with their customer ids. Only the ids that differ from the previous run's travel
     * from the driver (a few thousand after a small change, instead of every record's); the others
     * are the previous run's, joined in Spark.
     */
    private Dataset<Row> withCustomerIds(Dataset<Row> records, String[] uids, String[] customerIds, Map<String, String> before,
                                         Previous previous) {
        List<Row> changed = new ArrayList<>();
        for (int i = 0; i < uids.length; i++) {
            if (!customerIds[i].equals(before.get(uids[i]))) {
                changed.add(RowFactory.create(uids[i], customerIds[i]));
            }
        }
        Dataset<Row> assigned = DriverRows.frame(spark, changed, CUSTOMER_IDS);
        if (previous == null) {
            return records.join(assigned, "uid").localCheckpoint();
        }
        Dataset<Row> kept = previous.identities().select(col("uid").as("kept_uid"), col("customer_id").as("kept_customer_id"));
        Dataset<Row> fresh = assigned.select(col("uid").as("new_uid"), col("customer_id").as("new_customer_id"));
        return records.join(kept, col("uid").equalTo(col("kept_uid")), "left")
                .join(broadcast(fresh), col("uid").equalTo(col("new_uid")), "left")
                .withColumn("customer_id", coalesce(col("new_customer_id"), col("kept_customer_id")))
                .drop("kept_uid", "kept_customer_id", "new_uid", "new_customer_id").localCheckpoint();
    }

    private Column[] identityColumns() {
        List<Column> cols = new ArrayList<>(List.of(col("uid"), col("source"), col("entity"), col("record_key"),
                col("customer_id"), col("profile_id")));
        mapping.keyNames().forEach(k -> cols.add(col("key_" + k)));
        return cols.toArray(Column[]::new);
    }

    /** One row per distinct attribute profile: its compared fields and whether it is new. */
    private Dataset<Row> profiles(Dataset<Row> records, Previous previous) {
        List<Column> aggs = new ArrayList<>();
        mapping.comparedFields().forEach(f -> aggs.add(first(f).as(f)));
        Dataset<Row> p = records.where(col("profile_id").isNotNull()).groupBy("profile_id")
                .agg(first("email_local").as("email_local"), aggs.toArray(Column[]::new));
        if (previous == null) {
            return p.withColumn("is_new", lit(true));
        }
        Dataset<Row> known = previous.identities().select("profile_id").where(col("profile_id").isNotNull()).distinct()
                .withColumn("known", lit(true));
        return p.join(known, "profile_id", "left").withColumn("is_new", col("known").isNull()).drop("known");
    }

    private MatchModel chooseModel(Previous previous, boolean incremental, MatchModel fixedModel, List<Row> patternCounts,
                                   ProfileTable table, long profileCount) {
        if (incremental) {
            return previous.model();
        }
        if (fixedModel != null) {
            return fixedModel;
        }
        List<MatchModel.TrainingSession> sessions = new ArrayList<>();
        for (int rule = 0; rule < mapping.blocking().size(); rule++) {
            Map<Integer, Long> counts = new HashMap<>();
            int r = rule;
            patternCounts.stream().filter(row -> row.getInt(0) == r).forEach(row -> counts.merge(row.getInt(1), row.getLong(3), Long::sum));
            sessions.add(new MatchModel.TrainingSession(fieldsOf(mapping.blocking().get(rule)), counts));
        }
        try (Progress.Step em = progress.start("identity: estimating u on random pairs, m by EM per blocking rule", "patterns")) {
            Map<Integer, Long> random = RandomPairs.patternCounts(table, vector, RANDOM_PAIRS);
            em.add(patternCounts.size());
            Map<Integer, Long> distinct = new HashMap<>();
            patternCounts.stream().filter(row -> row.getBoolean(2)).forEach(row -> distinct.merge(row.getInt(1), row.getLong(3), Long::sum));
            return MatchModel.estimate(mapping.comparedFields(), vector, sessions, distinct, random, profileCount,
                    mapping.settings().emIterations());
        }
    }

    /** Indexes of the compared fields a blocking key is built from (email_local counts as email). */
    private Set<Integer> fieldsOf(IdentityMapping.BlockingRule rule) {
        Set<Integer> fields = new HashSet<>();
        List<String> compared = mapping.comparedFields();
        for (int f = 0; f < compared.size(); f++) {
            if (Pattern.compile("\\b" + compared.get(f) + "(\\b|_)").matcher(rule.key()).find()) {
                fields.add(f);
            }
        }
        return fields;
    }

    /** The comparison patterns whose match probability reaches the threshold: pattern, weight, probability, evidence. */
    private List<Row> acceptedPatterns(MatchModel model, List<Row> patternCounts) {
        List<Row> rows = new ArrayList<>();
        Set<Integer> patterns = new HashSet<>();
        patternCounts.forEach(r -> patterns.add(r.getInt(1)));
        for (int pattern : patterns) {
            int[] levels = vector.decode(pattern);
            double w = model.weight(levels);
            double p = MatchModel.probabilityOf(w);
            if (p >= mapping.settings().matchProbability() && !vetoed(levels)) {
                rows.add(RowFactory.create(pattern, w, p, model.evidence(vector, levels)));
            }
        }
        return rows;
    }

    /** True when the pair disagrees on a field that must agree (level 0 is "differs" for every comparison kind). */
    private boolean vetoed(int[] levels) {
        List<String> compared = mapping.comparedFields();
        return mapping.settings().neverMatchIfDifferent().stream().anyMatch(f -> levels[compared.indexOf(f)] == 0);
    }

    /** The accepted first-rule pairs: {@code profile_a, profile_b, match_weight, match_probability, evidence}. */
    private static List<Row> profileLinks(CandidatePairs.Result candidates, List<Row> acceptedRows, Set<Integer> acceptedCodes) {
        Map<Integer, Row> byCode = new HashMap<>();
        acceptedRows.forEach(r -> byCode.put(r.getInt(0), r));
        List<Row> links = new ArrayList<>();
        for (Row pair : candidates.pairsWith(acceptedCodes)) {
            Row p = byCode.get(pair.getInt(2));
            links.add(RowFactory.create(pair.getLong(0), pair.getLong(1), p.getDouble(1), p.getDouble(2), p.getString(3)));
        }
        return links;
    }

    /** Links of the previous run between profiles that both still exist (incremental runs). */
    private static List<Row> keptLinks(Dataset<Row> previousLinks, ProfileTable table) {
        Set<Long> profiles = new HashSet<>();
        for (long id : table.ids) {
            profiles.add(id);
        }
        return previousLinks.where(col("rule").equalTo(PROBABILISTIC))
                .select("profile_a", "profile_b", "match_weight", "match_probability", "evidence").collectAsList().stream()
                .filter(r -> profiles.contains(r.getLong(0)) && profiles.contains(r.getLong(1))).toList();
    }

    private static Map<String, String> previousIds(Previous previous) {
        Map<String, String> ids = new HashMap<>();
        if (previous != null) {
            previous.identities().select("uid", "customer_id").collectAsList().forEach(r -> ids.put(r.getString(0), r.getString(1)));
        }
        return ids;
    }
}
