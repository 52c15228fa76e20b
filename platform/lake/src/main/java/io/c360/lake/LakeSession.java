package io.c360.lake;

import io.c360.runtime.C360Config;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * Opens the Spark session of the lake: Iceberg catalog {@value #CATALOG} (JDBC catalog, in c360's
 * PostgreSQL by default, see {@link CatalogDatabase}) as the default catalog, so tables are named {@code stage.stg_x},
 * {@code analytics.customer_360}, {@code ops.step_runs}. The same session runs in-process
 * ({@code spark.master=local[*]}) or as the driver of a cluster, with the warehouse and raw zone on
 * a local disk or on S3-compatible storage ({@link ObjectStorage}).
 */
public final class LakeSession {

    public static final String CATALOG = "c360";
    public static final List<String> NAMESPACES = List.of("stage", "analytics", "ops");

    private LakeSession() {
    }

    /** The Iceberg table behind a lake table name (e.g. {@code stage.stg_x}), for its snapshots and files. */
    public static Table icebergTable(SparkSession spark, String table) {
        try {
            return Spark3Util.loadIcebergTable(spark, table);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load Iceberg table " + table + ": " + e.getMessage(), e);
        }
    }

    public static SparkSession open(C360Config config) {
        CatalogDatabase catalog = CatalogDatabase.open(config);
        String prefix = "spark.sql.catalog." + CATALOG;
        SparkSession.Builder builder = SparkSession.builder()
                .appName("c360")
                .master(config.get("spark.master"))
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
                .config(prefix + ".type", "jdbc")
                .config(prefix + ".uri", catalog.uri())
                .config(prefix + ".jdbc.schema-version", "V1")
                .config(prefix + ".warehouse", config.get("warehouse"))
                .config("spark.sql.defaultCatalog", CATALOG)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.adaptive.enabled", "true")
                // concurrent models (and SQL API queries) share the cores instead of queueing behind the biggest job
                .config("spark.scheduler.mode", "FAIR")
                // an impossible date (month 50) is a null to quarantine, not a parser-upgrade exception
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                // a model's rows are cached to be read once more (written after being counted): compressing them
                // cost a tenth of a stage or analytics run's CPU (JFR) and saved nothing that is read twice
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
                // each query's plan is rendered as text for the SQL UI's events even with the UI off, and "formatted"
                // (the default) renders a large plan several times over: a tenth of an incremental stage run's CPU (JFR)
                .config("spark.sql.ui.explainMode", "simple")
                // compiled query code kept for more than Spark's 100 queries: a run's models, MERGEs and tests evicted
                // each other, and tasks compiled again what the driver had just compiled
                .config("spark.sql.codegen.cache.maxEntries", "1000");
        catalog.user().ifPresent(u -> builder.config(prefix + ".jdbc.user", u));
        catalog.password().ifPresent(p -> builder.config(prefix + ".jdbc.password", p));
        if (config.get("spark.master").startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            config.find("spark.app-jar").ifPresent(jar -> builder.config("spark.jars", jar));
        }
        ObjectStorage.hadoopSettings(config).forEach((k, v) -> builder.config("spark.hadoop." + k, v));
        for (Map.Entry<String, String> e : config.withPrefix("spark.conf").entrySet()) {
            builder.config(e.getKey(), e.getValue());
        }
        SparkSession spark = builder.getOrCreate();
        catalog.closeWhenStopped(spark.sparkContext());
        spark.sparkContext().setLogLevel("WARN");
        for (String ns : NAMESPACES) {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + CATALOG + "." + ns);
        }
        return spark;
    }
}
