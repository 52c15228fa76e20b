package io.c360.app.analytics;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.lake.LakeSession;
import io.c360.lake.bench.AnalyticsBenchmark;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.serve.publish.Customer360Publisher;
import io.c360.serve.store.ProfileChanges;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

@Command(name = "analytics", description = "Time `transform analytics` against a plain Spark read-inputs/write-Parquet job "
        + "(the engine's floor) on synthetic stage tables, then `publish` in full and after 1%% of the customers changed.")
public final class AnalyticsBenchCommand implements Runnable {

    @Option(names = "--customers", paramLabel = "N", defaultValue = "100000", description = "Synthetic customers (default ${DEFAULT-VALUE}).")
    long customers;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the synthetic workspace and the floor's "
            + "output (default: a new temporary folder).")
    Path scratch;

    @Option(names = "--publish-only", description = "Skip the inputs and `transform analytics`: publish the customer_360 "
            + "an earlier run left in --scratch (into an emptied profile store).")
    boolean publishOnly;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        Path dir = BenchScratch.folder(scratch, "analytics");
        C360Config config = BenchScratch.workspace(root.config(), dir);
        SparkSession spark = LakeSession.open(config);
        try (PostgresService postgres = PostgresService.open(config)) {
            if (!publishOnly) {
                AnalyticsBenchmark.Result r = new AnalyticsBenchmark(spark, config, progress, dir).run(customers);
                System.out.printf(Locale.ROOT, "inputs: %,d customers, %,d stage/identity rows%n", r.customers(), r.inputRows());
                System.out.printf(Locale.ROOT, "floor (read inputs, write Parquet): %.1fs%n", r.floorSeconds());
                System.out.printf(Locale.ROOT, "transform analytics:                %.1fs  = %.2f x floor (target <= 2.5)%n",
                        r.analyticsSeconds(), r.analyticsToFloor());
            }
            emptyProfileStore(postgres);
            Customer360Publisher publisher = new Customer360Publisher(spark, ProfileStore.open(postgres));
            Timed documents = buildDocuments(progress, publisher);
            Timed full = publish(progress, publisher, "bench-full");
            long changed = Math.max(1, customers / 100);
            spark.sql("UPDATE analytics.customer_360 SET occupation = 'changed " + System.nanoTime() + "' WHERE crc32(customer_id) % 100 = 0");
            Timed incremental = publish(progress, publisher, "bench-1pct");
            System.out.printf(Locale.ROOT, "profile documents from Spark alone: %.1fs  = %,.0f profiles/s (c360 CPU %.1fs)%n",
                    documents.seconds, full.version.customers() / documents.seconds, documents.cpuSeconds);
            System.out.printf(Locale.ROOT, "publish, full:                      %.1fs  = %,.0f profiles/s (target >= 20,000), %,d written "
                    + "(c360 CPU %.1fs)%n", full.seconds, full.version.customers() / full.seconds, full.version.rewritten(), full.cpuSeconds);
            System.out.printf(Locale.ROOT, "publish, ~1%% changed (~%,d):        %.1fs  = %,.0f profiles/s read, %,d rewritten "
                    + "(c360 CPU %.1fs)%n", changed, incremental.seconds, incremental.version.customers() / incremental.seconds,
                    incremental.version.rewritten(), incremental.cpuSeconds);
        } finally {
            spark.stop();
        }
    }

    /** Wall seconds, and the CPU seconds of this process (Spark and the driver; PostgreSQL runs in its own processes). */
    private record Timed(ProfileVersion version, double seconds, double cpuSeconds) {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Spark → profile documents and their keys without the store: how much of a publish is the lake's side. */
    private static Timed buildDocuments(Progress progress, Customer360Publisher publisher) {
        long cpu = cpuNanos();
        Progress.Step step = progress.start("profile documents from customer_360 (no store)", "profiles");
        try (ProfileChanges all = publisher.changesSince(Map.of(), step)) {
            all.documents().forEachRemaining(d -> { });
        }
        step.done();
        return new Timed(null, step.elapsedNanos() / 1e9, (cpuNanos() - cpu) / 1e9);
    }

    /** The full publish is timed into an empty store, also when --scratch holds one from an earlier bench. */
    private static void emptyProfileStore(PostgresService postgres) {
        try (Connection c = postgres.connect(ProfileStore.DATABASE); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS serving CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the bench's profile store: " + e.getMessage(), e);
        }
    }

    private static Timed publish(Progress progress, Customer360Publisher publisher, String runId) {
        long cpu = cpuNanos();
        Progress.Step step = progress.start("publish " + runId, "profiles");
        ProfileVersion v = publisher.publish(runId, step);
        step.done();
        return new Timed(v, step.elapsedNanos() / 1e9, (cpuNanos() - cpu) / 1e9);
    }
}
