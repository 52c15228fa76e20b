package io.c360.ingest;

import java.time.Duration;

/**
 * Retries of a source read: {@code maxRetries} more attempts after the first, waiting
 * {@code base}, 2×base, 4×base, … in between (exponential backoff).
 */
public record RetryPolicy(int maxRetries, Duration base) {

    /** What to do with one attempt; throw {@link Retryable} to try again. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Retryable;
    }

    /** A transient failure (connection refused, timeout, 5xx): worth another attempt. */
    public static final class Retryable extends Exception {
        public Retryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs the attempt until it succeeds or the retries are spent; then fails naming {@code what}. */
    public <T> T run(String what, Attempt<T> attempt) {
        Retryable last = null;
        for (int i = 0; i <= maxRetries; i++) {
            if (i > 0) {
                sleep(base.multipliedBy(1L << Math.min(i - 1, 16)));
            }
            try {
                return attempt.run();
            } catch (Retryable e) {
                last = e;
            }
        }
        int attempts = maxRetries + 1;
        throw new IngestFailure(what + " failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + last.getMessage(), last);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("interrupted while waiting to retry", e);
        }
    }
}
