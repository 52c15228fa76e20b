package io.c360.app.governance;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.app.pipeline.PlatformRuns;
import io.c360.app.sources.ServeCrmCommand;
import io.c360.lifecycle.erasure.Erasure;
import io.c360.lifecycle.erasure.ErasureCertificate;
import io.c360.lifecycle.erasure.ErasureSubject;
import io.c360.pipeline.PipelineRun;
import io.c360.runtime.C360Config;
import io.c360.runtime.FreePort;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.sources.ChaosSettings;
import io.c360.sources.CrmApiServer;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SimulationPlan;
import io.c360.sources.SourceSystems;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "erase", description = {
        "Time to erase one person: simulates a company of --customers people in a scratch workspace (first time only),",
        "runs the pipeline on it, then erases the customer with the most source records and reports the time."})
public final class BenchEraseCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "100000", description = "People in the simulated company (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--months", defaultValue = "3", description = "Months of history to simulate (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulation (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Bench folder to use and keep (a second bench reuses its "
            + "company and lake); default: a temporary folder.")
    Path scratch;

    @Option(names = "--verify", description = "Also time the verification scan of every platform file and database.")
    boolean verify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        Path dir = BenchScratch.folder(scratch, "erase");
        // the pipeline's parallel steps need the catalog in PostgreSQL (the bench default, SQLite, is single-writer)
        C360Config config = BenchScratch.workspace(root.config(), dir).with("catalog.uri", "", "bench")
                .with("crm.url", "http://127.0.0.1:" + FreePort.find(), "bench");
        try (SourceSystems systems = SourceSystems.open(config, null);
             CrmApiServer ignored = ServeCrmCommand.start(systems, config, null, null, null);
             PlatformRuns pipeline = new PlatformRuns(config, progress);
             PostgresService postgres = PostgresService.open(config)) {
            long t0 = System.nanoTime();
            if (!Files.exists(config.workspace().resolve("truth/simulation.json"))) {
                new HistoryGenerator(new SimulationPlan(customers, seed, months, SimulationPlan.DEFAULT_END_DATE,
                        ChaosSettings.defaults(), false), config.workspace(), systems.crm(), systems.core(), progress).generate();
            }
            PipelineRun run = pipeline.run();
            if (!run.succeeded()) {
                throw new IllegalStateException("the pipeline run failed; see the step lines above");
            }
            long prepared = System.nanoTime() - t0;
            SparkSession spark = pipeline.spark();
            String customer = spark.sql("SELECT customer_id FROM analytics.customer_identity GROUP BY customer_id "
                    + "ORDER BY count(*) DESC, customer_id LIMIT 1").first().getString(0);

            long t1 = System.nanoTime();
            Erasure erasure = new Erasure(config, spark, postgres, progress);
            ErasureSubject subject = erasure.resolve(customer, null, null);
            ErasureCertificate c = erasure.erase(subject, "bench");
            long erased = System.nanoTime() - t1;
            long customers360 = spark.sql("SELECT count(*) FROM analytics.customer_360").first().getLong(0);
            System.out.printf("company: %s customers in customer_360, simulated + pipeline in %s%n",
                    Progress.formatCount(customers360), Progress.duration(prepared));
            System.out.printf("erase one customer (%d source records): %s — %d raw records from %d files, %d lake rows, %s%n",
                    subject.keys(io.c360.lifecycle.erasure.KeyKind.RECORD).size(), Progress.duration(erased),
                    c.rawRecordsRemoved(), c.rawFiles().size(), c.lakeRowsDeleted(), c.lakeFiles());
            if (verify) {
                long t2 = System.nanoTime();
                int status = EraseCommand.verify(spark, postgres, config, subject, progress);
                System.out.printf("verification scan: %s%n", Progress.duration(System.nanoTime() - t2));
                return status;
            }
            return 0;
        }
    }
}
