package io.c360.identity;

/**
 * Jaro–Winkler similarity on character arrays, the same figures as commons-text's
 * {@code JaroWinklerSimilarity} (matching window, half transpositions, prefix of up to four
 * characters, boost above 0.7) without its per-call allocations of strings and sequences: the
 * scoring loop calls it several times per candidate pair.
 */
final class JaroWinkler {

    private static final double SCALING = 0.1;

    private JaroWinkler() {
    }

    static double similarity(char[] left, char[] right) {
        if (java.util.Arrays.equals(left, right)) {
            return 1.0;
        }
        char[] max = left.length > right.length ? left : right;
        char[] min = max == left ? right : left;
        return max.length <= 64 ? shortStrings(left, right, max, min) : longStrings(left, right, max, min);
    }

    /** The common case: match flags in two longs instead of two arrays. */
    private static double shortStrings(char[] left, char[] right, char[] max, char[] min) {
        int range = Math.max(max.length / 2 - 1, 0);
        long maxMatched = 0;
        long minMatched = 0;
        int matches = 0;
        for (int mi = 0; mi < min.length; mi++) {
            char c = min[mi];
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, max.length); xi < xn; xi++) {
                if ((maxMatched & (1L << xi)) == 0 && c == max[xi]) {
                    maxMatched |= 1L << xi;
                    minMatched |= 1L << mi;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        long remaining = maxMatched;
        for (int i = 0; i < min.length; i++) {
            if ((minMatched & (1L << i)) != 0) {
                int k = Long.numberOfTrailingZeros(remaining);
                remaining &= remaining - 1;
                if (min[i] != max[k]) {
                    halfTranspositions++;
                }
            }
        }
        return winkler(left, right, min, matches, halfTranspositions);
    }

    private static double longStrings(char[] left, char[] right, char[] max, char[] min) {
        int range = Math.max(max.length / 2 - 1, 0);
        boolean[] maxMatched = new boolean[max.length];
        boolean[] minMatched = new boolean[min.length];
        int matches = 0;
        for (int mi = 0; mi < min.length; mi++) {
            char c = min[mi];
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, max.length); xi < xn; xi++) {
                if (!maxMatched[xi] && c == max[xi]) {
                    maxMatched[xi] = true;
                    minMatched[mi] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        for (int i = 0, k = 0; i < min.length; i++) {
            if (minMatched[i]) {
                while (!maxMatched[k]) {
                    k++;
                }
                if (min[i] != max[k]) {
                    halfTranspositions++;
                }
                k++;
            }
        }
        return winkler(left, right, min, matches, halfTranspositions);
    }

    private static double winkler(char[] left, char[] right, char[] min, int matches, int halfTranspositions) {
        int prefix = 0;
        for (int i = 0; i < Math.min(4, min.length) && left[i] == right[i]; i++) {
            prefix++;
        }
        double m = matches;
        double jaro = (m / left.length + m / right.length + (m - halfTranspositions / 2.0) / m) / 3;
        return jaro < 0.7 ? jaro : jaro + SCALING * prefix * (1 - jaro);
    }
}
