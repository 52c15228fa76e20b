package io.c360.pipeline;

/**
 * A failure that retrying cannot fix (bad configuration, a failed quality gate): the runner
 * stops the step at once instead of backing off and trying again.
 */
public class PermanentStepFailure extends RuntimeException {
    public PermanentStepFailure(String message) {
        super(message);
    }

    public PermanentStepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
