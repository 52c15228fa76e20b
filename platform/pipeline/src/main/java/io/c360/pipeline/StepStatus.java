package io.c360.pipeline;

/** Where a step of a run stands. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED,
    /** Not run because a step it depends on failed. */
    BLOCKED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
