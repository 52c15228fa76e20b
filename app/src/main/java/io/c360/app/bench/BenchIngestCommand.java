package io.c360.app.bench;

import io.c360.app.C360Command;
import io.c360.ingest.IngestReport;
import io.c360.ingest.Ingestion;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinition;
import io.c360.runtime.sources.SourceDefinition.ConnectorKind;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
        "Measure ingestion: lands the workspace's sources one connector kind at a time (jdbc, http, file)",
        "and prints rows/s and MB/s per connector and the total time.",
        "Without --generate the workspace must hold the simulator's output (c360 sources …) and crm.url",
        "must answer; with --generate the bench first creates a synthetic load of --customers people."})
final class BenchIngestCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "100000", description = "Size of the generated load (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--generate", description = "Generate the load first: core_banking.transactions (100 rows per customer, COPY), "
            + "landing files of every file source, and an in-process CRM API serving the customers.")
    boolean generate;

    @Spec
    CommandSpec spec;

    private record Pass(ConnectorKind kind, IngestReport report, long nanos) {
        long records() {
            return report.sources().stream().mapToLong(IngestReport.SourceReport::records).sum();
        }

        long bytes() {
            return report.sources().stream().mapToLong(IngestReport.SourceReport::bytes).sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        if (Files.isDirectory(config.workspace().resolve("raw"))) {
            progress.info("note: raw/ is not empty, so the figures are for what is new since the last ingest");
        }
        PostgresService postgres = null;
        SyntheticCrmApi crm = null;
        try {
            if (generate) {
                postgres = PostgresService.open(config);
                SyntheticSources.transactions(postgres, customers * 100L, progress);
                SyntheticSources.files(config.workspace().resolve("landing"), customers, progress);
                crm = new SyntheticCrmApi(customers);
                config = config.with("crm.url", crm.url(), "bench --generate")
                        .with("source-db.url", postgres.jdbcUrl("core_banking"), "bench --generate")
                        .with("source-db.user", postgres.user(), "bench --generate");
            }
            List<Pass> passes = measure(config, progress);
            print(passes);
            return passes.stream().anyMatch(p -> p.report().failed()) ? 1 : 0;
        } finally {
            if (crm != null) {
                crm.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static List<Pass> measure(C360Config config, Progress progress) {
        SourceDefinitions definitions = SourceDefinitions.from(config);
        SparkSession spark = LakeSession.open(config);
        try (Ingestion ingestion = new Ingestion(config, spark, progress)) {
            return List.of(ConnectorKind.JDBC, ConnectorKind.HTTP, ConnectorKind.FILE).stream().map(kind -> {
                List<String> names = definitions.all().stream().filter(s -> s.kind() == kind).map(SourceDefinition::name).toList();
                long start = System.nanoTime();
                IngestReport report = ingestion.run(names);
                return new Pass(kind, report, System.nanoTime() - start);
            }).toList();
        } finally {
            spark.stop();
        }
    }

    private static void print(List<Pass> passes) {
        System.out.printf(Locale.ROOT, "%-10s %14s %10s %9s %12s %9s%n", "connector", "records", "MB", "seconds", "records/s", "MB/s");
        long totalNanos = 0;
        for (Pass p : passes) {
            double secs = p.nanos() / 1e9;
            double mb = p.bytes() / 1e6;
            totalNanos += p.nanos();
            System.out.printf(Locale.ROOT, "%-10s %14s %10.1f %9.1f %12s %9.1f%n", p.kind().name().toLowerCase(Locale.ROOT),
                    Progress.formatCount(p.records()), mb, secs, Progress.formatCount((long) (p.records() / secs)), mb / secs);
        }
        System.out.printf(Locale.ROOT, "total: %.1f s (the connector kinds one after the other; `c360 ingest` runs the sources in parallel)%n",
                totalNanos / 1e9);
        passes.stream().flatMap(p -> p.report().batches().stream()).filter(b -> b.status() != io.c360.ingest.BatchStatus.LANDED)
                .forEach(b -> System.out.println(b.status().label() + ": " + b.message()));
    }
}
