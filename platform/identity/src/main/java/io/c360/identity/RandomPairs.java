package io.c360.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Comparison patterns of random profile pairs. Almost all random pairs are non-matches, so their
 * level frequencies estimate u (as Splink does); EM on the blocked pairs then only has to find m
 * and the share of matches. Pairs are drawn with fixed seeds, so a re-run draws the same pairs.
 */
final class RandomPairs {

    private static final int CHUNK = 100_000;

    private RandomPairs() {
    }

    static Map<Integer, Long> patternCounts(ProfileTable profiles, ComparisonVector vector, long wantedPairs) {
        int n = profiles.size();
        Map<Integer, Long> counts = new HashMap<>();
        if (n < 2) {
            return counts;
        }
        // up to five random partners per profile: as many pairs as a small table has, never more than wanted
        long total = n * Math.max(1, Math.min(n - 1, Math.min(5, wantedPairs / n)));
        if ((long) n * (n - 1) / 2 <= total) {
            return allPairs(profiles, vector);
        }
        int chunks = (int) ((total + CHUNK - 1) / CHUNK);
        return IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            SplittableRandom random = new SplittableRandom(7919L * (chunk + 1));
            Map<Integer, Long> mine = new HashMap<>();
            long pairs = Math.min(CHUNK, total - (long) chunk * CHUNK);
            for (long k = 0; k < pairs; k++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n - 1);
                j = j >= i ? j + 1 : j;
                mine.merge(vector.pattern(profiles.values[i], profiles.values[j]), 1L, Long::sum);
            }
            return mine;
        }).reduce(counts, (x, y) -> {
            Map<Integer, Long> sum = new HashMap<>(x);
            y.forEach((p, c) -> sum.merge(p, c, Long::sum));
            return sum;
        });
    }

    /** A small table: every pair once (random draws would count its few true matches several times). */
    private static Map<Integer, Long> allPairs(ProfileTable profiles, ComparisonVector vector) {
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            for (int j = i + 1; j < profiles.size(); j++) {
                counts.merge(vector.pattern(profiles.values[i], profiles.values[j]), 1L, Long::sum);
            }
        }
        return counts;
    }
}
