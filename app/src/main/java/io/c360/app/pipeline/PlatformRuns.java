package io.c360.app.pipeline;

import io.c360.ingest.Ingestion;
import io.c360.lake.LakeSession;
import io.c360.pipeline.IcebergRunHistory;
import io.c360.pipeline.PipelineDag;
import io.c360.pipeline.PipelineRun;
import io.c360.pipeline.PipelineRunner;
import io.c360.pipeline.SparkJobClock;
import io.c360.pipeline.WorkspaceLock;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.serve.store.ProfileStore;
import org.apache.spark.sql.SparkSession;

/**
 * Runs of the platform pipeline in one process: the Spark session, the connectors and the run
 * history stay open between runs (for `c360 run --every` and the demo). Each run holds the
 * workspace lock while it executes.
 */
public final class PlatformRuns implements AutoCloseable {

    private final C360Config config;
    private final SparkSession spark;
    private final Ingestion ingestion;
    private final PostgresService postgres;
    private final IcebergRunHistory history;
    private final PipelineRunner runner;

    public PlatformRuns(C360Config config, Progress progress) {
        this.config = config;
        this.spark = LakeSession.open(config);
        this.ingestion = new Ingestion(config, spark, progress);
        this.postgres = PostgresService.open(config);
        this.history = new IcebergRunHistory(spark);
        PlatformPipeline pipeline = new PlatformPipeline(config, spark, ingestion, ProfileStore.open(postgres), progress);
        this.runner = new PipelineRunner(new PipelineDag(pipeline.steps()), history, pipeline::retryPolicy,
                new SparkJobClock(spark.sparkContext()), progress, config.getInt("pipeline.parallelism"));
    }

    public PipelineRun run() {
        try (WorkspaceLock lock = WorkspaceLock.acquire(config.workspace(), "c360 run")) {
            return runner.run();
        }
    }

    public PipelineRun resume(String runId) {
        PipelineRun previous = history.find(runId)
                .orElseThrow(() -> new IllegalArgumentException("no pipeline run '" + runId + "' (see c360 runs)"));
        try (WorkspaceLock lock = WorkspaceLock.acquire(config.workspace(), "c360 run --resume")) {
            return runner.resume(previous);
        }
    }

    public SparkSession spark() {
        return spark;
    }

    @Override
    public void close() {
        try {
            ingestion.close();
            postgres.close();
        } finally {
            spark.stop();
        }
    }
}
