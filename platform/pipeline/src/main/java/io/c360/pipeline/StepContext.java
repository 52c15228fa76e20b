package io.c360.pipeline;

import io.c360.runtime.Progress;

/** What a running step knows about its run. */
public record StepContext(String runId, String stepName, int attempt, Progress progress) {
}
