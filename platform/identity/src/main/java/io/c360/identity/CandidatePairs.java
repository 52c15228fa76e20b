package io.c360.identity;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple5;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Blocking: the candidate pairs are the profile pairs sharing a block key of some rule; a pair
 * is produced by the first rule that covers it only, so no pair is compared twice. Blocks larger
 * than the limit are skipped and reported rather than exploding quadratically. Each candidate
 * pair leaves with its comparison pattern.
 */
public final class CandidatePairs {

    /**
     * profile_a < profile_b, rule (index of the blocking rule), pattern (see {@link ComparisonVector}),
     * first: whether this rule is the first to produce the pair. A pair shared by several rules
     * appears once per rule (EM trains on every rule's pairs) but only one row has first = true.
     */
    public record Result(Dataset<Row> pairs, List<String> skippedBlocks) {
    }

    private CandidatePairs() {
    }

    /**
     * @param profiles profile_id, is_new and the compared fields
     * @param onlyNew  incremental run: only pairs with at least one new profile
     */
    public static Result generate(SparkSession spark, Dataset<Row> profiles, IdentityMapping mapping, boolean onlyNew) {
        List<IdentityMapping.BlockingRule> rules = mapping.blocking();
        Column[] keys = rules.stream().map(r -> {
            Column k = expr(r.key()).cast("string");
            return when(k.notEqual(""), k);
        }).toArray(Column[]::new);
        Column[] values = mapping.comparedFields().stream().map(f -> col(f)).toArray(Column[]::new);
        Dataset<Row> keyed = profiles.select(col("profile_id"), col("is_new"), array(values).as("values"), array(keys).as("keys"));
        Dataset<Row> exploded = keyed.select(col("*"), posexplode(col("keys")).as(new String[]{"rule", "key"}))
                .where(col("key").isNotNull());
        Dataset<Row> sizes = exploded.groupBy("rule", "key").agg(count("*").as("n"), max("is_new").as("has_new"));
        int maxBlock = mapping.settings().maxBlockSize();
        List<Row> oversized = sizes.where(col("n").gt(maxBlock)).orderBy(col("n").desc()).collectAsList();
        Set<String> oversizedKeys = new HashSet<>();
        oversized.forEach(r -> oversizedKeys.add(r.getInt(0) + "\u0001" + r.getString(1)));
        Dataset<Row> wanted = sizes.where(col("n").gt(1).and(col("n").leq(maxBlock)));
        if (onlyNew) {
            wanted = wanted.where(col("has_new"));
        }
        Dataset<Row> blocks = exploded.join(wanted.select("rule", "key"), new String[]{"rule", "key"}, "left_semi")
                .groupBy("rule", "key")
                .agg(collect_list(struct(col("profile_id"), col("is_new"), col("values"), col("keys"))).as("members"));
        Broadcast<Set<String>> skipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(oversizedKeys);
        ComparisonVector vector = new ComparisonVector(mapping.comparisons());
        Dataset<Row> pairs = blocks.flatMap(new BlockPairs(vector, skipped, onlyNew),
                        Encoders.tuple(Encoders.LONG(), Encoders.LONG(), Encoders.INT(), Encoders.INT(), Encoders.BOOLEAN()))
                .toDF("profile_a", "profile_b", "rule", "pattern", "first");
        return new Result(pairs, describe(oversized, rules));
    }

    private static List<String> describe(List<Row> oversized, List<IdentityMapping.BlockingRule> rules) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            int rule = i;
            List<Row> ofRule = oversized.stream().filter(r -> r.getInt(0) == rule).toList();
            if (!ofRule.isEmpty()) {
                Row top = ofRule.get(0);
                out.add(String.format(Locale.ROOT, "blocking rule %s: %d block(s) over the limit skipped, largest '%s' with %d records",
                        rules.get(i).name(), ofRule.size(), top.getString(1), top.getLong(2)));
            }
        }
        return out;
    }

    /** All pairs of one block that no earlier rule produces, with their comparison patterns. */
    private static final class BlockPairs implements FlatMapFunction<Row, Tuple5<Long, Long, Integer, Integer, Boolean>> {
        private final ComparisonVector vector;
        private final Broadcast<Set<String>> oversized;
        private final boolean onlyNew;

        BlockPairs(ComparisonVector vector, Broadcast<Set<String>> oversized, boolean onlyNew) {
            this.vector = vector;
            this.oversized = oversized;
            this.onlyNew = onlyNew;
        }

        @Override
        public Iterator<Tuple5<Long, Long, Integer, Integer, Boolean>> call(Row block) {
            int rule = block.getInt(0);
            List<Row> rows = block.getList(2);
            int n = rows.size();
            long[] ids = new long[n];
            boolean[] isNew = new boolean[n];
            String[][] values = new String[n][];
            String[][] keys = new String[n][];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                ids[i] = r.getLong(0);
                isNew[i] = r.getBoolean(1);
                values[i] = r.<String>getList(2).toArray(new String[0]);
                keys[i] = r.<String>getList(3).toArray(new String[0]);
            }
            List<Tuple5<Long, Long, Integer, Integer, Boolean>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (onlyNew && !isNew[i] && !isNew[j]) {
                        continue;
                    }
                    boolean first = !coveredEarlier(rule, keys[i], keys[j]);
                    int pattern = vector.pattern(values[i], values[j]);
                    out.add(new Tuple5<>(Math.min(ids[i], ids[j]), Math.max(ids[i], ids[j]), rule, pattern, first));
                }
            }
            return out.iterator();
        }

        private boolean coveredEarlier(int rule, String[] a, String[] b) {
            for (int r = 0; r < rule; r++) {
                if (a[r] != null && a[r].equals(b[r]) && !oversized.value().contains(r + "\u0001" + a[r])) {
                    return true;
                }
            }
            return false;
        }
    }
}
