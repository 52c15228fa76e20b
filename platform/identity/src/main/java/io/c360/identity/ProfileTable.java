package io.c360.identity;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.when;

/**
 * The distinct attribute profiles held in the driver for blocking and scoring: per profile its id,
 * whether it is new, its compared values prepared for comparison, and its block key of every
 * blocking rule (Spark SQL expressions of the mapping, evaluated in the one job that collects
 * the table). Profiles are far fewer than records (about 40% of them on the simulator's data),
 * and about 1 KB each.
 */
final class ProfileTable {

    final long[] ids;
    final boolean[] isNew;
    final FieldComparison.Value[][] values;
    final String[][] keys;

    private ProfileTable(long[] ids, boolean[] isNew, FieldComparison.Value[][] values, String[][] keys) {
        this.ids = ids;
        this.isNew = isNew;
        this.values = values;
        this.keys = keys;
    }

    int size() {
        return ids.length;
    }

    /** @param profiles profile_id, is_new and the compared fields */
    static ProfileTable collect(Dataset<Row> profiles, IdentityMapping mapping, ComparisonVector vector) {
        List<Column> cols = new ArrayList<>(List.of(col("profile_id"), col("is_new")));
        List<String> fields = mapping.comparedFields();
        fields.forEach(f -> cols.add(col(f)));
        for (IdentityMapping.BlockingRule r : mapping.blocking()) {
            Column k = expr(r.key()).cast("string");
            cols.add(when(k.notEqual(""), k));
        }
        List<Row> rows = profiles.select(cols.toArray(Column[]::new)).collectAsList();
        int n = rows.size();
        int rules = mapping.blocking().size();
        long[] ids = new long[n];
        boolean[] isNew = new boolean[n];
        FieldComparison.Value[][] values = new FieldComparison.Value[n][];
        String[][] keys = new String[n][];
        String[] raw = new String[fields.size()];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            ids[i] = r.getLong(0);
            isNew[i] = r.getBoolean(1);
            for (int f = 0; f < raw.length; f++) {
                raw[f] = r.getString(2 + f);
            }
            values[i] = vector.prepare(raw);
            keys[i] = new String[rules];
            for (int k = 0; k < rules; k++) {
                keys[i][k] = r.getString(2 + raw.length + k);
            }
        }
        return new ProfileTable(ids, isNew, values, keys);
    }
}
