package io.c360.pipeline;

/** What a finished step reports: rows read, rows written and a one-line summary. */
public record StepOutcome(long rowsIn, long rowsOut, String summary) {

    public static StepOutcome of(long rowsIn, long rowsOut) {
        return new StepOutcome(rowsIn, rowsOut, "");
    }
}
