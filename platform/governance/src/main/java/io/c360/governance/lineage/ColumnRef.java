package io.c360.governance.lineage;

import java.util.Arrays;

/**
 * A column of a dataset: {@code raw.crm__customers.email}, {@code stage.stg_crm__customers.email},
 * {@code analytics.customer_360.email}. The dataset is null for a column of no table (VALUES, range()).
 */
public record ColumnRef(String dataset, String column) {

    /** Parses {@code zone.table.column}, e.g. {@code analytics.customer_360.email} or {@code raw.crm__customers.email}. */
    public static ColumnRef parse(String qualified) {
        String[] parts = qualified.split("\\.", -1);
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a column is named zone.table.column (e.g. analytics.customer_360.email), got '"
                    + qualified + "'");
        }
        return new ColumnRef(parts[0] + "." + parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return dataset == null ? column : dataset + "." + column;
    }
}
