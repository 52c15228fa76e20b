package io.c360.ingest;

import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An ingest run in its own JVM, for the crash test to kill: {@code IngestProcess <config file> <workspace>}. */
public final class IngestProcess {

    private IngestProcess() {
    }

    public static void main(String[] args) {
        C360Config config = ConfigLoader.withEnvironment(Map.of()).configFile(Path.of(args[0])).flag("workspace", args[1]).load();
        SparkSession spark = LakeSession.open(config);
        try (Ingestion ingestion = new Ingestion(config, spark, Progress.console(false))) {
            IngestReport report = ingestion.run(List.of());
            report.print(System.out);
            System.exit(report.failed() ? 1 : 0);
        }
    }
}
