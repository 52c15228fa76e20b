package io.c360.pipeline;

import java.time.Instant;
import java.util.List;

/** The record of one run (a row of ops.pipeline_runs) with its steps. */
public record PipelineRun(String runId, String status, Instant startedAt, Instant finishedAt, String message,
                          List<StepRun> steps) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
