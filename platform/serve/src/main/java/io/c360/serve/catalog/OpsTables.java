package io.c360.serve.catalog;

import io.c360.lake.LakeSession;
import io.c360.serve.sql.ResultValues;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log zone as the console shows it: pipeline runs, step runs, ingest batches and data-quality
 * results, newest first. A table that no step has written yet reads as an empty list.
 */
public final class OpsTables {

    public static final Set<String> READABLE = Set.of("pipeline_runs", "step_runs", "ingest_batches", "dq_results");
    private static final List<String> TIME_COLUMNS = List.of("started_at", "finished_at", "checked_at", "created_at", "ingested_at");

    private final SparkSession spark;

    public OpsTables(SparkSession spark) {
        this.spark = spark;
    }

    /** Newest rows of {@code ops.<table>} (optionally where {@code filterColumn = filterValue}), as column → value maps. */
    public List<Map<String, Object>> latest(String table, String filterColumn, String filterValue, int limit) {
        if (!READABLE.contains(table)) {
            throw new IllegalArgumentException("ops table must be one of " + READABLE + ", got '" + table + "'");
        }
        String qualified = LakeSession.CATALOG + ".ops." + table;
        if (!spark.catalog().tableExists(qualified)) {
            return List.of();
        }
        Dataset<Row> rows = spark.table(qualified);
        List<String> columns = Arrays.asList(rows.columns());
        if (filterColumn != null && filterValue != null && columns.contains(filterColumn)) {
            rows = rows.where(functions.col(filterColumn).equalTo(filterValue));
        }
        for (String t : TIME_COLUMNS) {
            if (columns.contains(t)) {
                rows = rows.orderBy(functions.col(t).desc_nulls_last());
                break;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows.limit(limit).collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), ResultValues.toJson(r.get(i)));
            }
            out.add(m);
        }
        return out;
    }
}
