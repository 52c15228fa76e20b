package io.c360.pipeline;

import io.c360.runtime.ConfigException;

import java.time.Duration;

/** Exponential backoff: attempt n waits initial × multiplier^(n-1), capped at max. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    public Duration backoffBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    /** Whether a failure is worth another attempt: not a permanent or configuration failure, and attempts left. */
    public boolean retries(Throwable failure, int attempt) {
        return attempt < maxAttempts && !(failure instanceof PermanentStepFailure) && !(failure instanceof ConfigException);
    }
}
