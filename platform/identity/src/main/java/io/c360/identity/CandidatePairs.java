package io.c360.identity;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Blocking and scoring: the candidate pairs are the profile pairs sharing a block key of some rule;
 * a pair is produced by the first rule that covers it only, so no pair is compared twice. Blocks
 * larger than the limit are skipped and reported rather than exploding quadratically. Blocks are
 * formed in the driver from the {@link ProfileTable} and scored in parallel on all its cores by a
 * tight loop over prepared values; what leaves is the count of every comparison pattern (for EM)
 * and the first-rule pairs in primitive arrays (to pick the accepted ones once the model is known).
 */
public final class CandidatePairs {

    /**
     * patternCounts: rows {@code rule, pattern, first, n} (a pair covered by several rules is counted once per
     * rule: EM trains on every rule's pairs; first = produced by this rule, which happens once per pair).
     */
    public static final class Result {
        private final List<Row> patternCounts;
        private final long[] profileA;
        private final long[] profileB;
        private final int[] patterns;
        private final List<String> skippedBlocks;
        private final long scoringNanos;

        private Result(List<Row> patternCounts, long[] profileA, long[] profileB, int[] patterns, List<String> skippedBlocks,
                       long scoringNanos) {
            this.patternCounts = patternCounts;
            this.profileA = profileA;
            this.profileB = profileB;
            this.patterns = patterns;
            this.skippedBlocks = skippedBlocks;
            this.scoringNanos = scoringNanos;
        }

        /** Wall time of comparing the pairs of the blocks (after the blocks are formed). */
        public long scoringNanos() {
            return scoringNanos;
        }

        public List<Row> patternCounts() {
            return patternCounts;
        }

        public List<String> skippedBlocks() {
            return skippedBlocks;
        }

        public long pairs() {
            return patterns.length;
        }

        /** Rows {@code profile_a, profile_b, pattern} (profile_a < profile_b) of the pairs whose pattern is wanted. */
        public List<Row> pairsWith(Set<Integer> wanted) {
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < patterns.length; i++) {
                if (wanted.contains(patterns[i])) {
                    out.add(RowFactory.create(profileA[i], profileB[i], patterns[i]));
                }
            }
            return out;
        }
    }

    private CandidatePairs() {
    }

    /** @param onlyNew incremental run: only pairs with at least one new profile */
    public static Result generate(ProfileTable profiles, IdentityMapping mapping, ComparisonVector vector, boolean onlyNew) {
        List<IdentityMapping.BlockingRule> rules = mapping.blocking();
        int maxBlock = mapping.settings().maxBlockSize();
        List<Block> blocks = new ArrayList<>();
        List<Map<String, int[]>> oversized = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int rule = 0; rule < rules.size(); rule++) {
            Map<String, int[]> tooBig = new HashMap<>();
            for (Map.Entry<String, int[]> e : blocksOf(profiles, rule).entrySet()) {
                int[] members = e.getValue();
                if (members.length > maxBlock) {
                    tooBig.put(e.getKey(), members);
                } else if (members.length > 1 && (!onlyNew || anyNew(profiles, members))) {
                    blocks.add(new Block(rule, members));
                }
            }
            oversized.add(tooBig);
            describe(rules.get(rule), tooBig).ifPresent(skipped::add);
        }
        List<Set<String>> skippedKeys = oversized.stream().map(Map::keySet).toList();
        long start = System.nanoTime();
        Scored scored = IntStream.range(0, blocks.size()).parallel()
                .collect(() -> new Scored(rules.size()),
                        (acc, b) -> acc.score(blocks.get(b), profiles, vector, skippedKeys, onlyNew), Scored::add);
        return new Result(scored.patternCounts(), Arrays.copyOf(scored.a, scored.n), Arrays.copyOf(scored.b, scored.n),
                Arrays.copyOf(scored.pattern, scored.n), skipped, System.nanoTime() - start);
    }

    private record Block(int rule, int[] members) {
    }

    private static Map<String, int[]> blocksOf(ProfileTable profiles, int rule) {
        Map<String, int[]> sizes = new HashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            String key = profiles.keys[i][rule];
            if (key != null) {
                sizes.computeIfAbsent(key, k -> new int[1])[0]++;
            }
        }
        Map<String, int[]> blocks = new HashMap<>(sizes.size() * 2);
        Map<String, Integer> filled = new HashMap<>(sizes.size() * 2);
        for (int i = 0; i < profiles.size(); i++) {
            String key = profiles.keys[i][rule];
            if (key != null) {
                int[] members = blocks.computeIfAbsent(key, k -> new int[sizes.get(k)[0]]);
                int at = filled.merge(key, 1, Integer::sum) - 1;
                members[at] = i;
            }
        }
        return blocks;
    }

    private static boolean anyNew(ProfileTable profiles, int[] members) {
        for (int m : members) {
            if (profiles.isNew[m]) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<String> describe(IdentityMapping.BlockingRule rule, Map<String, int[]> tooBig) {
        return tooBig.entrySet().stream().max(Map.Entry.comparingByValue((x, y) -> Integer.compare(x.length, y.length)))
                .map(top -> String.format(Locale.ROOT, "blocking rule %s: %d block(s) over the limit skipped, largest '%s' with %d records",
                        rule.name(), tooBig.size(), top.getKey(), top.getValue().length));
    }

    /** The scoring state of one worker: first-rule pairs in growing primitive arrays, and pattern counts. */
    private static final class Scored {
        private final List<Map<Integer, long[]>> counts = new ArrayList<>();
        long[] a = new long[1024];
        long[] b = new long[1024];
        int[] pattern = new int[1024];
        int n;

        Scored(int rules) {
            for (int r = 0; r < rules; r++) {
                counts.add(new HashMap<>());
            }
        }

        void score(Block block, ProfileTable p, ComparisonVector vector, List<Set<String>> skippedKeys, boolean onlyNew) {
            int[] m = block.members;
            int rule = block.rule;
            Map<Integer, long[]> ruleCounts = counts.get(rule);
            for (int x = 0; x < m.length; x++) {
                for (int y = x + 1; y < m.length; y++) {
                    int i = m[x];
                    int j = m[y];
                    if (onlyNew && !p.isNew[i] && !p.isNew[j]) {
                        continue;
                    }
                    int code = vector.pattern(p.values[i], p.values[j]);
                    boolean first = !coveredEarlier(rule, p.keys[i], p.keys[j], skippedKeys);
                    ruleCounts.computeIfAbsent(code, c -> new long[2])[first ? 1 : 0]++;
                    if (first) {
                        add(Math.min(p.ids[i], p.ids[j]), Math.max(p.ids[i], p.ids[j]), code);
                    }
                }
            }
        }

        private static boolean coveredEarlier(int rule, String[] a, String[] b, List<Set<String>> skippedKeys) {
            for (int r = 0; r < rule; r++) {
                if (a[r] != null && a[r].equals(b[r]) && !skippedKeys.get(r).contains(a[r])) {
                    return true;
                }
            }
            return false;
        }

        private void add(long profileA, long profileB, int code) {
            if (n == pattern.length) {
                a = Arrays.copyOf(a, n * 2);
                b = Arrays.copyOf(b, n * 2);
                pattern = Arrays.copyOf(pattern, n * 2);
            }
            a[n] = profileA;
            b[n] = profileB;
            pattern[n] = code;
            n++;
        }

        void add(Scored other) {
            for (int r = 0; r < counts.size(); r++) {
                Map<Integer, long[]> mine = counts.get(r);
                other.counts.get(r).forEach((code, c) -> {
                    long[] sum = mine.computeIfAbsent(code, k -> new long[2]);
                    sum[0] += c[0];
                    sum[1] += c[1];
                });
            }
            for (int i = 0; i < other.n; i++) {
                add(other.a[i], other.b[i], other.pattern[i]);
            }
        }

        List<Row> patternCounts() {
            List<Row> rows = new ArrayList<>();
            for (int r = 0; r < counts.size(); r++) {
                for (Map.Entry<Integer, long[]> e : counts.get(r).entrySet()) {
                    for (int first = 0; first < 2; first++) {
                        if (e.getValue()[first] > 0) {
                            rows.add(RowFactory.create(r, e.getKey(), first == 1, e.getValue()[first]));
                        }
                    }
                }
            }
            return rows;
        }
    }
}
