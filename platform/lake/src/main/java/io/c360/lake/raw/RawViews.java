package io.c360.lake.raw;

import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;

/**
 * SQL views {@code raw_<source>__<entity>} over every complete raw batch, so that an analyst can
 * inspect raw with {@code c360 sql}. Only the views a query names are built (reading raw JSON
 * means a schema-discovery pass over it).
 */
public final class RawViews {

    public static final String PREFIX = "raw_";

    private RawViews() {
    }

    /** Registers the raw views the query mentions; returns how many. */
    public static int registerReferenced(SparkSession spark, SourceDefinitions sources, RawZone zone, String query) {
        String text = query.toLowerCase(Locale.ROOT);
        RawReader reader = new RawReader(spark);
        int n = 0;
        for (EntityLayout layout : sources.entities()) {
            String view = viewName(layout);
            if (text.contains(view)) {
                Dataset<Row> rows = reader.read(layout, zone.batches(layout.source(), layout.entity())).rows();
                rows.withColumn(RawReader.RAW_RECORD, RawReader.recordText(rows)).createOrReplaceTempView(view);
                n++;
            }
        }
        return n;
    }

    public static String viewName(EntityLayout layout) {
        return PREFIX + layout.qualifiedName();
    }
}
