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
 * (split at the largest gaps), which it prunes by: new ids are one range.
 */
final class KeyList {

    /** Up to this many keys are listed. */
    private static final int MAX = 20_000;
    private static final int RANGES = 64;
    private static final Set<DataType> WHOLE_NUMBERS = Set.of(DataTypes.LongType, DataTypes.IntegerType, DataTypes.ShortType);

    private final String literals;
    private final List<long[]> ranges;

    private KeyList(String literals, List<long[]> ranges) {
        this.literals = literals;
        this.ranges = ranges;
    }

    /** The distinct non-null values of a one-column frame, if at most {@link #MAX} of them and of text or whole numbers. */
    static Optional<KeyList> of(Dataset<Row> keys) {
        DataType type = keys.schema().fields()[0].dataType();
        boolean text = type.equals(DataTypes.StringType);
        boolean whole = WHOLE_NUMBERS.contains(type);
        if (!text && !whole) {
            return Optional.empty();
        }
        List<Row> values = keys.limit(MAX + 1).collectAsList();
        if (values.isEmpty() || values.size() > MAX) {
            return Optional.empty();
        }
        String literals = values.stream().map(r -> text ? SqlValues.literal(r.getString(0)) : r.get(0).toString())
                .collect(Collectors.joining(", "));
        return Optional.of(new KeyList(literals, whole
                ? ranges(values.stream().mapToLong(r -> ((Number) r.get(0)).longValue()).sorted().toArray()) : List.of()));
    }

    /** SQL true when the expression's value is one of the keys. */
    String contains(String keyExpression) {
        String in = "(" + keyExpression + ") IN (" + literals + ")";
        if (ranges.isEmpty()) {
            return in;
        }
        return "(" + in + " AND (" + ranges.stream().map(r -> "(" + keyExpression + ") BETWEEN " + r[0] + " AND " + r[1])
                .collect(Collectors.joining(" OR ")) + "))";
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
