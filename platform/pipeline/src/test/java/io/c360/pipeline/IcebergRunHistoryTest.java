package io.c360.pipeline;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcebergRunHistoryTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void open() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    @Test
    void runsAndStepsAreRecordedUpsertedAndReadBack() {
        IcebergRunHistory history = new IcebergRunHistory(spark);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        history.runStarted(new PipelineRun("run-1", "running", t0, null, "", List.of()));
        history.stepFinished(new StepRun("run-1", "ingest", StepStatus.FAILED, 3, t0, t0.plusSeconds(5), 0, 0, 0, "boom"));
        history.stepFinished(new StepRun("run-1", "stage", StepStatus.BLOCKED, 0, null, null, 0, 0, 0, "not run"));
        history.runFinished(new PipelineRun("run-1", "failed", t0, t0.plusSeconds(6), "step 'ingest' failed: boom", List.of()));
        // resumed: the failed step succeeds under the same run id and replaces its row
        history.stepFinished(new StepRun("run-1", "ingest", StepStatus.SUCCEEDED, 1, t0.plusSeconds(60), t0.plusSeconds(62), 7, 7, 1500, ""));

        PipelineRun run = history.find("run-1").orElseThrow();
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.finishedAt()).isEqualTo(t0.plusSeconds(6));
        assertThat(run.steps()).hasSize(2);
        StepRun ingest = run.steps().stream().filter(s -> s.step().equals("ingest")).findFirst().orElseThrow();
        assertThat(ingest.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(ingest.sparkJobMillis()).isEqualTo(1500);
        assertThat(ingest.wallMillis()).isEqualTo(2000);
        assertThat(spark.sql("SELECT count(*) FROM ops.step_runs").first().getLong(0)).isEqualTo(2);
        assertThat(history.recent(5)).extracting(PipelineRun::runId).containsExactly("run-1");
        assertThat(history.find("nope")).isEmpty();
    }

    @Test
    void sparkJobTimeIsAttributedToTheStepThatRanTheJob() throws Exception {
        SparkJobClock clock = new SparkJobClock(spark.sparkContext());
        clock.enter("run-2", "heavy");
        spark.range(0, 2_000_000).selectExpr("sum(id * 2)").collect();
        clock.enter("run-2", "other");
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertThat(clock.millisOf("run-2", "heavy")).isPositive();
        assertThat(clock.millisOf("run-2", "other")).isZero();
    }
}
