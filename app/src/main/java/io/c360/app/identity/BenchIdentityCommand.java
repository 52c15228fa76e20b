package io.c360.app.identity;

import io.c360.app.C360Command;
import io.c360.identity.ComparisonVector;
import io.c360.identity.FieldComparison;
import io.c360.identity.IdentityMapping;
import io.c360.identity.PersonRecords;
import io.c360.identity.IdentityResolver;
import io.c360.identity.IdentityStore;
import io.c360.identity.LakeIdentityRun;
import io.c360.identity.PairwiseEvaluation;
import io.c360.identity.SyntheticPeople;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.Progress;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

@Command(name = "identity", description = "Identity resolution on synthetic people (SyntheticPeople) written as the stage tables"
        + " of a throw-away workspace: a full run, then an incremental run with a share of new people; pairs, speed, memory and quality.")
public final class BenchIdentityCommand implements Runnable {

    @Option(names = "--customers", defaultValue = "100000", description = "Number of people (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--new-share", defaultValue = "0.01", description = "Share of new people in the incremental run (default ${DEFAULT-VALUE}).")
    double newShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic people (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        Path workspace = tempWorkspace();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = heapSampler(peakHeap);
        SparkSession spark = LakeSession.open(benchConfig(root.config(), workspace));
        try {
            IdentityMapping mapping = IdentityMapping.lakeDefault();
            SyntheticPeople people = new SyntheticPeople(seed);
            LakeIdentityRun run = new LakeIdentityRun(spark, mapping, progress);

            SyntheticPeople.Batch base = people.people(0, customers);
            Map<IdentityMapping.SourceMapping, Dataset<Row>> baseInputs = inputs(spark, mapping, base);
            writeStageTables(spark, baseInputs);
            long t0 = System.nanoTime();
            IdentityResolver.Resolution full = run.runOnStage(false);
            long fullNanos = System.nanoTime() - t0;
            PairwiseEvaluation.Scores quality = PairwiseEvaluation.evaluate(
                    spark.table(IdentityStore.IDENTITY).select(col("uid").as("record_key"), col("customer_id").as("cluster")),
                    base.truthFrame(spark).select(concat_ws("|", col("source"), col("entity"), col("record_key")).as("record_key"),
                            col("person_id").as("entity")));

            int more = Math.max(1, (int) Math.round(customers * newShare));
            SyntheticPeople.Batch grown = people.people(0, customers + more);
            writeStageTables(spark, inputs(spark, mapping, grown));
            long t1 = System.nanoTime();
            IdentityResolver.Resolution incremental = run.runOnStage(true);
            long incrementalNanos = System.nanoTime() - t1;

            System.out.printf(Locale.ROOT, "identity bench: %,d people, %,d records, %d cores%n", customers, base.records(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "full run          %s wall; %,d candidate pairs scored at %,d pairs/s"
                            + " (pairs / wall time of the scoring stage: comparing the pairs of the formed blocks on all cores)%n",
                    Progress.duration(fullNanos), full.stats().candidatePairs(), full.stats().pairsPerSecond());
            System.out.printf(Locale.ROOT, "incremental run   %s wall (%.0f%% of full) with %,d new people; %,d candidate pairs%n",
                    Progress.duration(incrementalNanos), 100.0 * incrementalNanos / fullNanos, more, incremental.stats().candidatePairs());
            System.out.printf(Locale.ROOT, "comparison speed  %,d pairs/s on one core (comparison vectors of prepared real profiles, no Spark)%n",
                    comparisonSpeed(spark, mapping, baseInputs));
            System.out.printf(Locale.ROOT, "peak heap         %,d MiB (sampled)%n", peakHeap.get() / (1024 * 1024));
            System.out.println("quality of the full run against the synthetic truth:");
            quality.describe().forEach(l -> System.out.println("  " + l));
        } finally {
            spark.stop();
            sampler.interrupt();
            delete(workspace);
        }
    }

    /** Pure scoring throughput: comparison vectors of profile pairs in a loop on the driver. */
    private static long comparisonSpeed(SparkSession spark, IdentityMapping mapping, Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs) {
        Column[] fields = mapping.comparedFields().stream().map(f -> col(f)).toArray(Column[]::new);
        ComparisonVector vector = new ComparisonVector(mapping.comparisons());
        List<FieldComparison.Value[]> profiles = PersonRecords.normalize(spark, mapping, inputs).where(col("profile_id").isNotNull())
                .select(fields).limit(20_000).collectAsList().stream()
                .map(r -> { String[] v = new String[r.size()]; for (int i = 0; i < v.length; i++) { v[i] = r.getString(i); } return vector.prepare(v); })
                .toList();
        int n = profiles.size();
        long pairs = 3_000_000;
        long sink = 0;
        long t = System.nanoTime();
        for (long i = 0; i < pairs; i++) {
            sink += vector.pattern(profiles.get((int) (i % n)), profiles.get((int) ((i * 7919 + 1) % n)));
        }
        long nanos = System.nanoTime() - t;
        return sink == Long.MIN_VALUE ? 0 : (long) (pairs / (nanos / 1e9));
    }

    /** The people as the stage tables the mapping reads, so that the runs time the pipeline's identity step. */
    private static void writeStageTables(SparkSession spark, Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs) {
        inputs.forEach((source, frame) -> {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + source.table().substring(0, source.table().lastIndexOf('.')));
            frame.writeTo(source.table()).createOrReplace();
        });
    }

    private static Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs(SparkSession spark, IdentityMapping mapping,
                                                                           SyntheticPeople.Batch batch) {
        Map<String, Dataset<Row>> frames = batch.frames(spark);
        Map<IdentityMapping.SourceMapping, Dataset<Row>> in = new LinkedHashMap<>();
        mapping.sources().forEach(s -> in.put(s, frames.get(s.source())));
        return in;
    }

    private static C360Config benchConfig(C360Config config, Path workspace) {
        ConfigLoader loader = ConfigLoader.fromEnvironment().flag("workspace", workspace.toString())
                .flag("spark.master", config.get("spark.master"));
        config.withPrefix("spark.conf").forEach((k, v) -> loader.flag("spark.conf." + k, v));
        return loader.load();
    }

    private static Thread heapSampler(AtomicLong peak) {
        Thread t = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Path tempWorkspace() {
        try {
            return Files.createTempDirectory("c360-bench-identity");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove the bench workspace " + dir + ": " + e.getMessage());
        }
    }
}
