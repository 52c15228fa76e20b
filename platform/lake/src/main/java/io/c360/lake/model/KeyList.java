package io.c360.lake.model;

import io.c360.lake.SqlValues;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A few key values written into SQL as literals: Spark and Iceberg push such a filter into a table scan
 * (a MERGE's target included), so only the rows of those keys are joined. Iceberg prunes files by an IN
 * list of at most 200 values only; whole-number keys also get at most {@link #RANGES} ranges around them
 * (split at the largest gaps), which it prunes by: new ids are one range, scattered old ones single values.
 */
final class KeyList {

    /** Up to this many keys are listed. */
    static final int MAX = 20_000;
    /** Above this many keys a list takes longer to plan than it saves (20,000 literals: 1–2 s per query, seconds in a MERGE). */
    private static final int CHEAP_TO_PLAN = 1_000;
    private static final int RANGES = 64;
    private static final Set<DataType> WHOLE_NUMBERS = Set.of(DataTypes.LongType, DataTypes.IntegerType, DataTypes.ShortType);

    private final String literals;
    private final List<long[]> ranges;
    private final int count;

    private KeyList(String literals, List<long[]> ranges, int count) {
        this.literals = literals;
        this.ranges = ranges;
        this.count = count;
    }

    /** The distinct non-null values of a one-column frame, if at most {@link #MAX} of them and of text or whole numbers. */
    static Optional<KeyList> of(Dataset<Row> keys) {
        DataType type = keys.schema().fields()[0].dataType();
        if (!listable(type)) {
            return Optional.empty();
        }
        return of(type, keys.limit(MAX + 1).collectAsList().stream().map(r -> r.get(0)).toList());
    }

    /** The given distinct non-null values of a column of the type, if at most {@link #MAX} of them and of text or whole numbers. */
    static Optional<KeyList> of(DataType type, List<?> values) {
        if (!listable(type) || values.isEmpty() || values.size() > MAX) {
            return Optional.empty();
        }
        return Optional.of(type.equals(DataTypes.StringType) ? ofText(values.stream().map(String.class::cast).toList())
                : ofWholeNumbers(values.stream().mapToLong(v -> ((Number) v).longValue()).toArray()));
    }

    private static boolean listable(DataType type) {
        return type.equals(DataTypes.StringType) || WHOLE_NUMBERS.contains(type);
    }

    static KeyList ofText(List<String> keys) {
        return new KeyList(keys.stream().map(SqlValues::literal).collect(Collectors.joining(", ")), List.of(), keys.size());
    }

    static KeyList ofWholeNumbers(long[] keys) {
        return new KeyList(Arrays.stream(keys).mapToObj(Long::toString).collect(Collectors.joining(", ")),
                ranges(Arrays.stream(keys).sorted().toArray()), keys.length);
    }

    /** SQL true when the expression's value is one of the keys. */
    String contains(String keyExpression) {
        String in = "(" + keyExpression + ") IN (" + literals + ")";
        return ranges.isEmpty() ? in : "(" + in + " AND " + inRanges(keyExpression) + ")";
    }

    /**
     * SQL true for every key and maybe other values (for a filter that only narrows, e.g. a MERGE's target
     * whose join then matches the keys exactly): the ranges alone when there are many whole-number keys.
     */
    String covers(String keyExpression) {
        return ranges.isEmpty() || count <= CHEAP_TO_PLAN ? contains(keyExpression) : inRanges(keyExpression);
    }

    /**
     * The ranges, those of one value as one IN list: a scan that prunes no file (old ids scattered over the
     * table, e.g. corrected transactions) tests every row, and 47 single-value BETWEENs in a chain of ORs took
     * 8.5 s of task CPU over 11.5 M rows in one MERGE, where the list is one hash lookup per row.
     */
    private String inRanges(String keyExpression) {
        List<String> terms = new ArrayList<>();
        String points = ranges.stream().filter(r -> r[0] == r[1]).map(r -> Long.toString(r[0])).collect(Collectors.joining(", "));
        if (!points.isEmpty()) {
            terms.add("(" + keyExpression + ") IN (" + points + ")");
        }
        ranges.stream().filter(r -> r[0] != r[1]).forEach(r -> terms.add("(" + keyExpression + ") BETWEEN " + r[0] + " AND " + r[1]));
        return "(" + String.join(" OR ", terms) + ")";
    }

    /** At most {@link #RANGES} ranges covering the sorted keys, split at the largest gaps between neighbours (consecutive keys are one range). */
    static List<long[]> ranges(long[] sorted) {
        Integer[] gaps = new Integer[Math.max(0, sorted.length - 1)];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = i;
        }
        Arrays.sort(gaps, Comparator.comparingLong((Integer i) -> sorted[i + 1] - sorted[i]).reversed());
        int[] splits = Arrays.stream(gaps).filter(i -> sorted[i + 1] - sorted[i] > 1).limit(RANGES - 1)
                .mapToInt(Integer::intValue).sorted().toArray();
        List<long[]> out = new ArrayList<>();
        int from = 0;
        for (int split : splits) {
            out.add(new long[]{sorted[from], sorted[split]});
            from = split + 1;
        }
        out.add(new long[]{sorted[from], sorted[sorted.length - 1]});
        return out;
    }
}
