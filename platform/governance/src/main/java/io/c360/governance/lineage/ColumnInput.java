package io.c360.governance.lineage;

/**
 * One input of a column, in OpenLineage's terms: {@code DIRECT} when the value is computed from it
 * ({@code IDENTITY}, {@code TRANSFORMATION}, {@code AGGREGATION}), {@code INDIRECT} when it only
 * decides which rows or which branch ({@code CONDITIONAL}, {@code WINDOW}, {@code FILTER},
 * {@code JOIN}, {@code GROUP_BY}, {@code SORT}); {@code masking} when the value cannot be read back
 * from the result (a count, a hash).
 */
public record ColumnInput(ColumnRef from, Type type, Subtype subtype, boolean masking) {

    public enum Type { DIRECT, INDIRECT }

    /** Direct subtypes are ordered from the weakest change of the value to the strongest. */
    public enum Subtype { IDENTITY, TRANSFORMATION, AGGREGATION, CONDITIONAL, WINDOW, FILTER, JOIN, GROUP_BY, SORT }

    public boolean direct() {
        return type == Type.DIRECT;
    }

    /** This input seen through a column that is itself an input of {@code outer}: the path's combined effect. */
    ColumnInput through(ColumnInput outer) {
        if (!outer.direct()) {
            return new ColumnInput(from, Type.INDIRECT, direct() ? outer.subtype : subtype, masking || outer.masking);
        }
        if (!direct()) {
            return new ColumnInput(from, type, subtype, masking || outer.masking);
        }
        Subtype strongest = subtype.compareTo(outer.subtype) >= 0 ? subtype : outer.subtype;
        return new ColumnInput(from, Type.DIRECT, strongest, masking || outer.masking);
    }
}
