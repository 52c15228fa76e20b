package io.c360.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fellegi–Sunter model: prior probability λ that a candidate pair is a match, and per field and
 * level the probabilities m (level given match) and u (level given non-match). The match weight
 * of a pair is log2(λ/(1-λ)) + Σ log2(m/u) over its non-missing fields.
 */
public record MatchModel(List<String> fields, double lambda, double[][] m, double[][] u, int iterations)
        implements Serializable {

    private static final double FLOOR = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starting point of EM: agreement is likely for matches and unlikely for non-matches. */
    public static MatchModel initial(List<String> fields, ComparisonVector vector) {
        int n = vector.size();
        double[][] m = new double[n][];
        double[][] u = new double[n][];
        for (int f = 0; f < n; f++) {
            int levels = vector.kind(f).levels();
            m[f] = new double[levels];
            u[f] = new double[levels];
            for (int l = 0; l < levels; l++) {
                m[f][l] = l == levels - 1 ? 0.85 : 0.15 / (levels - 1);
                u[f][l] = l == 0 ? 0.9 : 0.1 / (levels - 1);
            }
        }
        return new MatchModel(fields, 0.1, m, u, 0);
    }

    /**
     * Pattern counts of the candidate pairs of one blocking rule; the fields the rule blocks on
     * agree by construction there, so that session does not estimate them.
     */
    public record TrainingSession(Set<Integer> blockedFields, Map<Integer, Long> patternCounts) {
    }

    /**
     * Splink-style estimation: u from the level frequencies of random pairs (nearly all
     * non-matches); m by expectation–maximisation on the candidate pairs of each blocking rule,
     * ignoring the fields of that rule, averaged over the sessions that estimated it (fields
     * conditionally independent given match status; missing levels carry no evidence); λ = the
     * expected matches among the distinct candidate pairs ({@code candidateCounts}) over all
     * pairs of the {@code profiles}, so that weights are relative to two random records.
     */
    public static MatchModel estimate(List<String> fields, ComparisonVector vector, List<TrainingSession> sessions,
                                      Map<Integer, Long> candidateCounts, Map<Integer, Long> randomCounts, long profiles,
                                      int maxIterations) {
        MatchModel start = initial(fields, vector);
        double[][] u = randomCounts.isEmpty() ? start.u : levelFrequencies(vector, randomCounts);
        double[][] mSum = zeroLike(start.m);
        int[] estimated = new int[fields.size()];
        int iterations = 0;
        for (TrainingSession session : sessions) {
            List<int[]> patterns = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            session.patternCounts().forEach((p, c) -> {
                patterns.add(vector.decode(p));
                counts.add(c);
            });
            if (patterns.isEmpty()) {
                continue;
            }
            MatchModel model = new MatchModel(fields, 0.3, start.m, u, 0);
            for (int it = 1; it <= maxIterations; it++) {
                MatchModel next = model.step(patterns, counts, session.blockedFields(), it);
                boolean converged = Math.abs(next.lambda - model.lambda) < 1e-7;
                model = next;
                if (converged) {
                    break;
                }
            }
            iterations += model.iterations;
            for (int f = 0; f < fields.size(); f++) {
                if (!session.blockedFields().contains(f)) {
                    estimated[f]++;
                    for (int l = 0; l < mSum[f].length; l++) {
                        mSum[f][l] += model.m[f][l];
                    }
                }
            }
        }
        double[][] m = new double[fields.size()][];
        for (int f = 0; f < fields.size(); f++) {
            m[f] = new double[mSum[f].length];
            for (int l = 0; l < m[f].length; l++) {
                m[f][l] = estimated[f] == 0 ? start.m[f][l] : mSum[f][l] / estimated[f];
            }
        }
        double expectedMatches = 0;
        MatchModel fitted = new MatchModel(fields, 0.3, m, u, iterations);
        for (int it = 0; it < maxIterations; it++) {
            double matches = 0;
            double total = 0;
            for (Map.Entry<Integer, Long> e : candidateCounts.entrySet()) {
                matches += e.getValue() * fitted.probability(vector.decode(e.getKey()));
                total += e.getValue();
            }
            expectedMatches = matches;
            fitted = new MatchModel(fields, clamp(matches / Math.max(1, total)), m, u, iterations);
        }
        double allPairs = Math.max(1.0, profiles * (profiles - 1) / 2.0);
        return new MatchModel(fields, clamp(Math.max(1, expectedMatches) / allPairs), m, u, iterations);
    }

    private static double[][] levelFrequencies(ComparisonVector vector, Map<Integer, Long> counts) {
        double[][] sums = new double[vector.size()][];
        for (int f = 0; f < vector.size(); f++) {
            sums[f] = new double[vector.kind(f).levels()];
        }
        counts.forEach((p, c) -> {
            int[] levels = vector.decode(p);
            for (int f = 0; f < levels.length; f++) {
                if (levels[f] != FieldComparison.MISSING) {
                    sums[f][levels[f]] += c;
                }
            }
        });
        return smoothed(sums);
    }

    /**
     * Level frequencies with add-one smoothing: a level no random pair showed is rare, not impossible, so
     * its u stays about one in the number of random pairs instead of the tiny floor (which gave weights of +30).
     */
    private static double[][] smoothed(double[][] counts) {
        double[][] out = new double[counts.length][];
        for (int f = 0; f < counts.length; f++) {
            double total = counts[f].length;
            for (double c : counts[f]) {
                total += c;
            }
            out[f] = new double[counts[f].length];
            for (int l = 0; l < counts[f].length; l++) {
                out[f][l] = (counts[f][l] + 1) / total;
            }
        }
        return out;
    }

    private MatchModel step(List<int[]> patterns, List<Long> counts, Set<Integer> blocked, int iteration) {
        int n = m.length;
        double[][] mSum = zeroLike(m);
        double matchTotal = 0;
        double total = 0;
        for (int i = 0; i < patterns.size(); i++) {
            int[] levels = patterns.get(i);
            double c = counts.get(i);
            double w = log2(lambda / (1 - lambda));
            for (int f = 0; f < n; f++) {
                if (!blocked.contains(f)) {
                    w += fieldWeight(f, levels[f]);
                }
            }
            double p = probabilityOf(w);
            matchTotal += c * p;
            total += c;
            for (int f = 0; f < n; f++) {
                if (levels[f] != FieldComparison.MISSING) {
                    mSum[f][levels[f]] += c * p;
                }
            }
        }
        double[][] next = normalize(mSum);
        for (int f : blocked) {
            next[f] = m[f];
        }
        return new MatchModel(fields, clamp(matchTotal / total), next, u, iteration);
    }

    public double weight(int[] levels) {
        double w = log2(lambda / (1 - lambda));
        for (int f = 0; f < levels.length; f++) {
            w += fieldWeight(f, levels[f]);
        }
        return w;
    }

    public double fieldWeight(int field, int level) {
        return level == FieldComparison.MISSING ? 0 : log2(m[field][level] / u[field][level]);
    }

    public double probability(int[] levels) {
        return probabilityOf(weight(levels));
    }

    public static double probabilityOf(double weight) {
        double odds = Math.pow(2, weight);
        return odds / (1 + odds);
    }

    /** "first_name exact +6.1, birth_date missing 0.0, …" */
    public String evidence(ComparisonVector vector, int[] levels) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < levels.length; f++) {
            if (f > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(f)).append(' ').append(vector.kind(f).levelName(levels[f]))
                    .append(String.format(Locale.ROOT, " %+.1f", fieldWeight(f, levels[f])));
        }
        return sb.toString();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MatchModel fromJson(String json) {
        try {
            return JSON.readValue(json, MatchModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored identity model is unreadable: " + e.getMessage(), e);
        }
    }

    /** The model table as lines, for the run summary. */
    public List<String> describe(ComparisonVector vector) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "lambda=%.4f after %d EM iterations", lambda, iterations));
        for (int f = 0; f < m.length; f++) {
            StringBuilder sb = new StringBuilder(fields.get(f)).append(':');
            for (int l = m[f].length - 1; l >= 0; l--) {
                sb.append(String.format(Locale.ROOT, "  %s m=%.3f u=%.4f w=%+.1f", vector.kind(f).levelName(l),
                        m[f][l], u[f][l], fieldWeight(f, l)));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    private static double[][] zeroLike(double[][] a) {
        double[][] z = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            z[i] = new double[a[i].length];
        }
        return z;
    }

    private static double[][] normalize(double[][] sums) {
        double[][] out = new double[sums.length][];
        for (int f = 0; f < sums.length; f++) {
            double total = 0;
            for (double s : sums[f]) {
                total += s + FLOOR;
            }
            out[f] = new double[sums[f].length];
            for (int l = 0; l < sums[f].length; l++) {
                out[f][l] = (sums[f][l] + FLOOR) / total;
            }
        }
        return out;
    }

    private static double clamp(double p) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, p));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
