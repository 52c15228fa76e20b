package io.c360.pipeline;

import java.time.Instant;

/** The record of one step in one run (a row of ops.step_runs). */
public record StepRun(
        String runId,
        String step,
        StepStatus status,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        long rowsIn,
        long rowsOut,
        long sparkJobMillis,
        String message) {

    public long wallMillis() {
        return startedAt == null || finishedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
