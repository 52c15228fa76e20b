package io.c360.lake.bench;

import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures {@code c360 transform analytics} against the engine's floor: a plain Spark job that
 * reads the same input tables (the stage tables and customer_identity) and writes them as
 * Parquet, in the same process, on synthetic inputs ({@link SyntheticAnalyticsInputs}).
 */
public final class AnalyticsBenchmark {

    public record Result(long customers, long inputRows, double floorSeconds, double analyticsSeconds, List<ModelRun> runs) {

        public double analyticsToFloor() {
            return analyticsSeconds / floorSeconds;
        }
    }

    private final SparkSession spark;
    private final C360Config config;
    private final Progress progress;
    private final Path scratch;

    public AnalyticsBenchmark(SparkSession spark, C360Config config, Progress progress, Path scratch) {
        this.spark = spark;
        this.config = config;
        this.progress = progress;
        this.scratch = scratch;
    }

    public Result run(long customers) {
        Map<String, Long> inputs;
        try (Progress.Step s = progress.start("write synthetic stage tables for " + Progress.formatCount(customers) + " customers", "rows")) {
            inputs = new SyntheticAnalyticsInputs(spark).write(customers);
            s.add(inputs.values().stream().mapToLong(Long::longValue).sum());
        }
        double floor = timed("floor: plain Spark read inputs → write Parquet", () -> inputs.keySet().forEach(t ->
                spark.table(t).write().mode("overwrite").parquet(scratch.resolve("floor").resolve(t).toString())));
        ModelRunner runner = ModelRunner.of(config, spark, progress, built -> { });
        AtomicReference<List<ModelRun>> runs = new AtomicReference<>();
        double analytics = timed("c360 transform analytics", () -> runs.set(runner.run(ModelProject.fromClasspath("analytics"),
                RunOptions.incremental().withVars(Map.of("as_of", SyntheticAnalyticsInputs.AS_OF)))));
        return new Result(customers, inputs.values().stream().mapToLong(Long::longValue).sum(), floor, analytics, runs.get());
    }

    private double timed(String name, Runnable work) {
        Progress.Step step = progress.start(name, "");
        work.run();
        step.done();
        return step.elapsedNanos() / 1e9;
    }
}
