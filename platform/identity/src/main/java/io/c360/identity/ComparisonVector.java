package io.c360.identity;

import java.io.Serializable;
import java.util.List;

/**
 * Compares two records field by field (in the order of the mapping's comparisons) into a vector of
 * levels, packed into one int (base 5) so that EM can work on counts of distinct patterns. First
 * and last names are also compared crosswise; the better orientation wins (swapped names).
 */
public final class ComparisonVector implements Serializable {

    private static final int BASE = 5;

    private final FieldComparison.Kind[] kinds;
    private final int firstName;
    private final int lastName;

    public ComparisonVector(List<IdentityMapping.Comparison> comparisons) {
        if (comparisons.size() > 13) {
            throw new IllegalArgumentException("at most 13 compared fields fit in a comparison pattern");
        }
        this.kinds = comparisons.stream().map(IdentityMapping.Comparison::kind).toArray(FieldComparison.Kind[]::new);
        List<String> fields = comparisons.stream().map(IdentityMapping.Comparison::field).toList();
        this.firstName = fields.indexOf("first_name");
        this.lastName = fields.indexOf("last_name");
    }

    public int size() {
        return kinds.length;
    }

    public FieldComparison.Kind kind(int field) {
        return kinds[field];
    }

    /** The compared values of one profile, prepared once for all its comparisons. */
    public FieldComparison.Value[] prepare(String[] values) {
        FieldComparison.Value[] prepared = new FieldComparison.Value[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            prepared[i] = FieldComparison.prepare(kinds[i], values[i]);
        }
        return prepared;
    }

    public int[] levels(String[] a, String[] b) {
        return levels(prepare(a), prepare(b));
    }

    public int[] levels(FieldComparison.Value[] a, FieldComparison.Value[] b) {
        int[] levels = new int[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            levels[i] = FieldComparison.level(kinds[i], a[i], b[i]);
        }
        if (firstName >= 0 && lastName >= 0 && levels[firstName] + levels[lastName] < 6) {
            int crossFirst = FieldComparison.level(kinds[firstName], a[firstName], b[lastName]);
            int crossLast = FieldComparison.level(kinds[lastName], a[lastName], b[firstName]);
            if (crossFirst + crossLast > levels[firstName] + levels[lastName]) {
                levels[firstName] = crossFirst;
                levels[lastName] = crossLast;
            }
        }
        return levels;
    }

    public int pattern(String[] a, String[] b) {
        return encode(levels(a, b));
    }

    public int pattern(FieldComparison.Value[] a, FieldComparison.Value[] b) {
        return encode(levels(a, b));
    }

    public static int encode(int[] levels) {
        int code = 0;
        for (int i = levels.length - 1; i >= 0; i--) {
            code = code * BASE + (levels[i] + 1);
        }
        return code;
    }

    public int[] decode(int pattern) {
        int[] levels = new int[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            levels[i] = pattern % BASE - 1;
            pattern /= BASE;
        }
        return levels;
    }
}
