package io.c360.app.ingest;

import io.c360.app.C360Command;
import io.c360.ingest.IngestReport;
import io.c360.ingest.Ingestion;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
        "Land the sources into the raw zone (raw/<source>/<entity>/…), the sources in parallel.",
        "Each record is landed once: a second run without new source data lands nothing.",
        "Exit code 1 when a source failed (the others are landed)."})
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source (repeatable); default: every source in the configuration.")
    List<String> sources = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        SparkSession spark = LakeSession.open(config);
        try (Ingestion ingestion = new Ingestion(config, spark, root.progress())) {
            IngestReport report = ingestion.run(sources);
            report.print(System.out);
            return report.failed() ? 1 : 0;
        } finally {
            spark.stop();
        }
    }
}
