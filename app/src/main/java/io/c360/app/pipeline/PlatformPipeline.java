package io.c360.app.pipeline;

import io.c360.governance.openlineage.LineageRecorder;
import io.c360.identity.IdentityMapping;
import io.c360.identity.IdentityResolver;
import io.c360.identity.LakeIdentityRun;
import io.c360.ingest.BatchRecord;
import io.c360.ingest.BatchStatus;
import io.c360.ingest.IngestReport;
import io.c360.ingest.Ingestion;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.pipeline.PermanentStepFailure;
import io.c360.pipeline.PipelineStep;
import io.c360.pipeline.RetryPolicy;
import io.c360.pipeline.StepContext;
import io.c360.pipeline.StepOutcome;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinition;
import io.c360.runtime.sources.SourceDefinitions;
import io.c360.serve.publish.AnalyticsRunGate;
import io.c360.serve.publish.Customer360Publisher;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's DAG: one ingest step per source (in parallel) → stage → identity → analytics →
 * publish. Each step wraps the module that does the work; the runner adds retries, history and
 * resume. Data-quality tests of error severity fail their step for good, so nothing downstream —
 * above all publish — runs on data that failed its gates.
 */
final class PlatformPipeline {

    private final C360Config config;
    private final SparkSession spark;
    private final Ingestion ingestion;
    private final ProfileStore profiles;
    private final Progress progress;

    PlatformPipeline(C360Config config, SparkSession spark, Ingestion ingestion, ProfileStore profiles, Progress progress) {
        this.config = config;
        this.spark = spark;
        this.ingestion = ingestion;
        this.profiles = profiles;
        this.progress = progress;
    }

    List<PipelineStep> steps() {
        List<PipelineStep> steps = new ArrayList<>();
        List<String> ingestSteps = new ArrayList<>();
        for (SourceDefinition source : SourceDefinitions.from(config).all()) {
            String name = "ingest_" + source.name();
            ingestSteps.add(name);
            steps.add(step(name, List.of(), ctx -> ingest(source.name())));
        }
        steps.add(step("stage", ingestSteps, ctx -> transform("stage")));
        steps.add(step("identity", List.of("stage"), ctx -> resolveIdentities()));
        steps.add(step("analytics", List.of("identity"), ctx -> transform("analytics")));
        steps.add(step("publish", List.of("analytics"), this::publish));
        return steps;
    }

    RetryPolicy retryPolicy(String step) {
        int attempts = config.find("pipeline.steps." + step + ".retries").map(Integer::parseInt)
                .orElse(config.getInt("pipeline.retries"));
        Duration backoff = Duration.ofSeconds(config.getInt("pipeline.backoff-seconds"));
        return new RetryPolicy(attempts, backoff, 2.0, Duration.ofMinutes(2));
    }

    private StepOutcome ingest(String source) {
        IngestReport report = ingestion.run(List.of(source));
        IngestReport.SourceReport r = report.sources().get(0);
        if (r.failed()) {
            throw new IllegalStateException(r.batches().stream().filter(b -> b.status() == BatchStatus.FAILED)
                    .map(BatchRecord::message).findFirst().orElse("source " + source + " failed"));
        }
        return new StepOutcome(r.records(), r.records(), r.summary());
    }

    private StepOutcome transform(String zone) {
        ModelRunner runner = ModelRunner.of(config, spark, progress, LineageRecorder.from(spark, config, progress));
        List<ModelRun> runs = runner.run(ModelProject.fromClasspath(zone), RunOptions.incremental().withVars(Map.of("as_of", asOf())));
        long in = runs.stream().mapToLong(ModelRun::rowsIn).sum();
        long out = runs.stream().mapToLong(ModelRun::rowsOut).sum();
        long quarantined = runs.stream().mapToLong(ModelRun::quarantined).sum();
        List<String> failed = runs.stream().filter(ModelRun::failed)
                .map(r -> r.table() + " " + r.failedTests()).toList();
        if (!failed.isEmpty()) {
            throw new PermanentStepFailure("quality gate: error-severity tests failed in " + String.join("; ", failed)
                    + " (see c360 dq)");
        }
        return new StepOutcome(in, out, runs.size() + " models, " + Progress.formatCount(quarantined) + " quarantined");
    }

    /** The run date of the analytics windows: pipeline.as-of if set (re-running history), else today in UTC. */
    private String asOf() {
        return config.find("pipeline.as-of").orElse(LocalDate.now(ZoneOffset.UTC).toString());
    }

    private StepOutcome resolveIdentities() {
        IdentityResolver.Stats s = new LakeIdentityRun(spark, IdentityMapping.lakeDefault(), progress).runOnStage(true).stats();
        return new StepOutcome(s.records(), s.clusters(), Progress.formatCount(s.clusters()) + " customers, "
                + Progress.formatCount(s.candidatePairs()) + " candidate pairs");
    }

    private StepOutcome publish(StepContext ctx) {
        new AnalyticsRunGate(spark).passedRun(); // refuses when the latest analytics run failed a gate
        try (Progress.Step step = progress.start("publish analytics.customer_360 → profile store", "profiles")) {
            ProfileVersion v = new Customer360Publisher(spark, profiles).publish(ctx.runId(), step);
            String summary = "version " + v.version() + ": " + Progress.formatCount(v.inserted()) + " new, "
                    + Progress.formatCount(v.updated()) + " changed, " + Progress.formatCount(v.deleted()) + " removed";
            step.done(summary);
            return new StepOutcome(v.customers(), v.inserted() + v.updated() + v.deleted(), summary);
        }
    }

    interface Body {
        StepOutcome run(StepContext ctx) throws Exception;
    }

    private static PipelineStep step(String name, List<String> dependsOn, Body body) {
        return new PipelineStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> dependsOn() {
                return dependsOn;
            }

            @Override
            public StepOutcome run(StepContext context) throws Exception {
                return body.run(context);
            }
        };
    }
}
