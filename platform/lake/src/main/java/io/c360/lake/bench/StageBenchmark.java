package io.c360.lake.bench;

import io.c360.lake.LakeSession;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawBatchWriter;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures {@code c360 transform stage} against the engine's floor: a plain Spark job that only
 * reads the same raw files and writes them as Parquet, in the same process on the same machine.
 * With a customer count it first lands a synthetic raw zone, and afterwards measures an
 * incremental run over 1% new data.
 */
public final class StageBenchmark {

    public record Result(long rawRecords, long rawBytes, double floorSeconds, double fullSeconds,
                         double incrementalSeconds, long incrementalRecords) {

        public double fullToFloor() {
            return fullSeconds / floorSeconds;
        }

        public double incrementalToFull() {
            return incrementalSeconds / fullSeconds;
        }
    }

    private final C360Config config;
    private final Progress progress;
    private final Path scratch;

    public StageBenchmark(C360Config config, Progress progress, Path scratch) {
        this.config = config;
        this.progress = progress;
        this.scratch = scratch;
    }

    /** @param customers synthetic customers to land first, or 0 to use the raw batches already in the workspace */
    public Result run(long customers) {
        SparkSession spark = LakeSession.open(config);
        try {
            RawZone zone = RawZone.of(config, spark);
            SourceDefinitions sources = SourceDefinitions.from(config);
            SyntheticRawZone synthetic = new SyntheticRawZone(spark, new RawBatchWriter(zone), scratch.resolve("landing"));
            if (customers > 0) {
                try (Progress.Step s = progress.start("land a synthetic raw zone of " + Progress.formatCount(customers) + " customers", "customers")) {
                    synthetic.land(1, customers);
                    s.add(customers);
                }
            }
            long records = 0;
            long bytes = 0;
            for (EntityLayout e : sources.entities()) {
                for (RawBatch b : zone.batches(e.source(), e.entity())) {
                    records += b.manifest().recordCount();
                    bytes += b.manifest().bytes();
                }
            }
            double floor = timed("floor: plain Spark read raw → write Parquet", () -> floor(spark, sources, zone));
            ModelRunner runner = ModelRunner.of(config, spark, progress, built -> { });
            ModelProject stage = ModelProject.fromClasspath("stage");
            double full = timed("c360 transform stage (all batches)", () -> runner.run(stage, RunOptions.incremental()));
            double incremental = 0;
            long incrementalRecords = 0;
            if (customers > 0) {
                long added = Math.max(1, customers / 100);
                synthetic.land(customers + 1, added);
                AtomicReference<List<ModelRun>> runs = new AtomicReference<>();
                incremental = timed("c360 transform stage (1% new batches)", () -> runs.set(runner.run(stage, RunOptions.incremental())));
                incrementalRecords = runs.get().stream().mapToLong(ModelRun::rowsIn).sum();
            }
            return new Result(records, bytes, floor, full, incremental, incrementalRecords);
        } finally {
            spark.stop();
        }
    }

    private void floor(SparkSession spark, SourceDefinitions sources, RawZone zone) {
        for (EntityLayout e : sources.entities()) {
            String[] paths = zone.batches(e.source(), e.entity()).stream().flatMap(b -> b.files().stream())
                    .map(p -> p.toUri().toString()).toArray(String[]::new);
            if (paths.length == 0) {
                continue;
            }
            Dataset<Row> df = switch (e.format()) {
                case PARQUET -> spark.read().parquet(paths);
                case JSONL -> spark.read().option("allowSingleQuotes", "true").json(paths);
                default -> spark.read().option("header", String.valueOf(e.header())).csv(paths);
            };
            df.write().mode("overwrite").parquet(scratch.resolve("floor").resolve(e.qualifiedName()).toString());
        }
    }

    private double timed(String name, Runnable work) {
        Progress.Step step = progress.start(name, "");
        work.run();
        step.done();
        return step.elapsedNanos() / 1e9;
    }
}
