package io.c360.app.governance;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.governance.catalog.LakeCatalog;
import io.c360.governance.lineage.LineageGraph;
import io.c360.governance.lineage.ModelLineage;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

@Command(name = "governance", description = "Time deriving the column lineage of every model from its SQL, the full catalog "
        + "listing and a catalog search, in a scratch workspace (the identity map is an empty stand-in table).")
public final class GovernanceBenchCommand implements Runnable {

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", description = "Repetitions after the first (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the scratch workspace (default: a new temporary folder).")
    Path scratch;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        C360Config config = BenchScratch.workspace(root.config(), BenchScratch.folder(scratch, "governance"));
        SparkSession spark = LakeSession.open(config);
        try {
            spark.sql("CREATE TABLE IF NOT EXISTS analytics.customer_identity (source STRING, entity STRING, record_key STRING, "
                    + "customer_id STRING) USING iceberg");
            SourceDefinitions sources = SourceDefinitions.from(config);
            LineageGraph[] graph = new LineageGraph[1];
            double[] lineage = time(progress, "lineage of every model", () -> graph[0] = ModelLineage.ofPackagedModels(spark, sources, "2024-06-30"));
            long columns = graph[0].edges().keySet().stream().flatMap(d -> graph[0].model(d).stream())
                    .mapToLong(m -> m.columns().size()).sum();
            LakeCatalog catalog = LakeCatalog.open(spark, config);
            double[] entries = time(progress, "catalog list (every entry)", () -> catalog.entries().size());
            double[] search = time(progress, "catalog search email", () -> catalog.search("email").size());
            System.out.printf(Locale.ROOT, "models: %d, columns with lineage: %d, catalog tables: %d%n",
                    graph[0].edges().size(), columns, catalog.tables().size());
            print("lineage of every model (analysis of the SQL, no data)", lineage);
            print("catalog list, every entry (docs, snapshot, tests)", entries);
            print("catalog search 'email'", search);
        } finally {
            spark.stop();
        }
    }

    /** Seconds of the first run and of each repetition. */
    private double[] time(Progress progress, String what, Supplier<?> body) {
        double[] seconds = new double[repeat + 1];
        for (int i = 0; i <= repeat; i++) {
            Progress.Step step = progress.start(what + " #" + (i + 1), "");
            body.get();
            step.done();
            seconds[i] = step.elapsedNanos() / 1e9;
        }
        return seconds;
    }

    private static void print(String what, double[] seconds) {
        double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "%-55s first %.2fs, then median %.2fs (min %.2fs)%n", what + ":", seconds[0],
                warm.length == 0 ? seconds[0] : warm[warm.length / 2], warm.length == 0 ? seconds[0] : warm[0]);
    }
}
