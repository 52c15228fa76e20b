package io.c360.app;

import io.c360.lake.LakeSession;
import io.c360.lake.raw.RawViews;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "sql", description = "Run a SQL query on the lake (stage, analytics, ops, raw) and print the result.")
final class SqlCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "QUERY", description = "Spark SQL, e.g. \"SELECT count(*) FROM stage.stg_crm__customers\"")
    String query;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
    ResultPrinter.Format format;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Config config = C360Command.of(spec).config();
        SparkSession spark = LakeSession.open(config);
        try {
            RawViews.registerReferenced(spark, SourceDefinitions.from(config), RawZone.of(config, spark), query);
            Dataset<Row> result = spark.sql(query);
            List<Row> rows = result.limit(limit + 1).collectAsList();
            boolean truncated = rows.size() > limit;
            PrintWriter out = new PrintWriter(System.out, true);
            ResultPrinter.print(result.schema(), truncated ? rows.subList(0, limit) : rows, format, out);
            if (truncated) {
                System.err.println("(first " + limit + " rows shown; use --limit to see more)");
            }
        } finally {
            spark.stop();
        }
    }
}
