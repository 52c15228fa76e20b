package io.c360.pipeline;

import io.c360.runtime.Progress;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs a {@link PipelineDag}: independent steps in parallel, each retried with backoff on
 * transient failures; a permanent failure blocks only the steps that depend on it. Every
 * finished step is recorded in the {@link RunHistory}, so a failed run can be resumed: steps that
 * succeeded are not run again.
 */
public final class PipelineRunner {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final PipelineDag dag;
    private final RunHistory history;
    private final Function<String, RetryPolicy> retries;
    private final JobClock clock;
    private final Progress progress;
    private final int parallelism;

    public PipelineRunner(PipelineDag dag, RunHistory history, Function<String, RetryPolicy> retries, JobClock clock,
                          Progress progress, int parallelism) {
        this.dag = dag;
        this.history = history;
        this.retries = retries;
        this.clock = clock;
        this.progress = progress;
        this.parallelism = parallelism;
    }

    public static String newRunId() {
        return "run-" + RUN_ID.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    public PipelineRun run() {
        return execute(newRunId(), Instant.now(), Map.of());
    }

    /** Re-runs the steps of a previous run that did not succeed, under the same run id. */
    public PipelineRun resume(PipelineRun previous) {
        Map<String, StepRun> kept = new LinkedHashMap<>();
        for (StepRun s : previous.steps()) {
            if (s.status() == StepStatus.SUCCEEDED && dag.step(s.step()) != null) {
                kept.put(s.step(), s);
            }
        }
        progress.info("resuming " + previous.runId() + ": " + kept.size() + " step(s) already done");
        return execute(previous.runId(), previous.startedAt(), kept);
    }

    private PipelineRun execute(String runId, Instant startedAt, Map<String, StepRun> alreadyDone) {
        history.runStarted(new PipelineRun(runId, "running", startedAt, null, "", List.of()));
        Map<String, StepRun> results = new LinkedHashMap<>(alreadyDone);
        Set<String> running = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "c360-step");
            t.setDaemon(true);
            return t;
        });
        CompletionService<StepRun> done = new ExecutorCompletionService<>(pool);
        try {
            while (true) {
                for (PipelineStep step : readySteps(results, running)) {
                    running.add(step.name());
                    done.submit(() -> attempt(runId, step));
                }
                if (running.isEmpty()) {
                    break;
                }
                StepRun finished = done.take().get();
                running.remove(finished.step());
                results.put(finished.step(), finished);
                history.stepFinished(finished);
                if (finished.status() == StepStatus.FAILED) {
                    blockDependents(runId, finished, results);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pipeline run " + runId + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("pipeline runner failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<StepRun> steps = dag.steps().stream().map(s -> results.get(s.name())).toList();
        List<StepRun> failed = steps.stream().filter(s -> s.status() == StepStatus.FAILED).toList();
        String message = failed.isEmpty() ? "" : failed.stream()
                .map(s -> "step '" + s.step() + "' failed: " + s.message()).reduce((a, b) -> a + "; " + b).orElse("");
        PipelineRun run = new PipelineRun(runId, failed.isEmpty() ? "succeeded" : "failed", startedAt, Instant.now(), message, steps);
        history.runFinished(run);
        return run;
    }

    private List<PipelineStep> readySteps(Map<String, StepRun> results, Set<String> running) {
        List<PipelineStep> ready = new ArrayList<>();
        for (PipelineStep s : dag.steps()) {
            boolean depsDone = s.dependsOn().stream()
                    .allMatch(d -> results.containsKey(d) && results.get(d).status() == StepStatus.SUCCEEDED);
            if (!results.containsKey(s.name()) && !running.contains(s.name()) && depsDone) {
                ready.add(s);
            }
        }
        return ready;
    }

    private void blockDependents(String runId, StepRun failed, Map<String, StepRun> results) {
        for (String name : dag.dependentsOf(failed.step())) {
            if (!results.containsKey(name)) {
                StepRun blocked = new StepRun(runId, name, StepStatus.BLOCKED, 0, null, null, 0, 0, 0,
                        "not run: step '" + failed.step() + "' failed");
                results.put(name, blocked);
                history.stepFinished(blocked);
                progress.info("- " + name + " not run (" + failed.step() + " failed)");
            }
        }
    }

    private StepRun attempt(String runId, PipelineStep step) throws InterruptedException {
        RetryPolicy policy = retries.apply(step.name());
        Instant started = Instant.now();
        Progress.Step line = progress.start(step.name(), "rows");
        clock.enter(runId, step.name());
        for (int attempt = 1; ; attempt++) {
            try {
                StepOutcome out = step.run(new StepContext(runId, step.name(), attempt, progress));
                line.done(out.rowsIn() + " in, " + out.rowsOut() + " out" + (out.summary().isEmpty() ? "" : ", " + out.summary()));
                return new StepRun(runId, step.name(), StepStatus.SUCCEEDED, attempt, started, Instant.now(),
                        out.rowsIn(), out.rowsOut(), clock.millisOf(runId, step.name()), out.summary());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!policy.retries(e, attempt)) {
                    line.failed(reason);
                    return new StepRun(runId, step.name(), StepStatus.FAILED, attempt, started, Instant.now(), 0, 0,
                            clock.millisOf(runId, step.name()), reason);
                }
                long wait = policy.backoffBefore(attempt + 1).toMillis();
                progress.info(step.name() + ": attempt " + attempt + " failed (" + reason + "), retrying in " + wait + " ms");
                Thread.sleep(wait);
            }
        }
    }
}
