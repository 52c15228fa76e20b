package io.c360.governance.lineage;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Names of datasets as lineage and the catalog use them: {@code raw.<source>__<entity>} for the
 * raw records of a source entity (in SQL, the view {@code raw_<source>__<entity>}),
 * {@code <zone>.<table>} for lake tables.
 */
public final class Datasets {

    public static final String RAW = "raw";

    private Datasets() {
    }

    public static String raw(String source, String entity) {
        return RAW + "." + source + "__" + entity;
    }

    public static boolean isRaw(String dataset) {
        return dataset != null && dataset.startsWith(RAW + ".");
    }

    /** {@code stage.stg_x} of {@code c360.stage.stg_x} (a table name as Spark gives it, with or without the catalog). */
    public static String lakeTable(String qualified) {
        String[] parts = qualified.split("\\.");
        return parts.length < 2 ? qualified : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** The dataset a plan node stands for: a lake (Iceberg) table, or one of {@code views} (temp view name → dataset). */
    public static Function<LogicalPlan, Optional<String>> lakeTablesAnd(Map<String, String> views) {
        return plan -> {
            if (plan instanceof DataSourceV2Relation r) {
                return Optional.of(lakeTable(r.table().name()));
            }
            if (plan instanceof View v && v.isTempView()) {
                return Optional.ofNullable(views.get(v.desc().identifier().table().toLowerCase(Locale.ROOT)));
            }
            return Optional.empty();
        };
    }
}
