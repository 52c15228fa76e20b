package io.c360.pipeline;

import io.c360.runtime.ConfigException;
import io.c360.runtime.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRunnerTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20));

    private final InMemoryRunHistory history = new InMemoryRunHistory();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** A step that counts its calls and runs the given behaviour. */
    private PipelineStep step(String name, List<String> deps, Function<Integer, StepOutcome> body) {
        return new PipelineStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> dependsOn() {
                return deps;
            }

            @Override
            public StepOutcome run(StepContext ctx) {
                calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                return body.apply(ctx.attempt());
            }
        };
    }

    private PipelineRunner runner(List<PipelineStep> steps) {
        return new PipelineRunner(new PipelineDag(steps), history, s -> FAST, JobClock.NONE, Progress.silent(), 4);
    }

    private static Map<String, StepStatus> statuses(PipelineRun run) {
        return run.steps().stream().collect(Collectors.toMap(StepRun::step, StepRun::status));
    }

    @Test
    void independentStepsRunInParallelAndDependentsAfterThem() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Function<Integer, StepOutcome> waitForTheOther = a -> {
            bothStarted.countDown();
            try {
                assertThat(bothStarted.await(10, TimeUnit.SECONDS)).as("the other ingest step runs at the same time").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return StepOutcome.of(10, 10);
        };
        PipelineRun run = runner(List.of(
                step("ingest_crm", List.of(), waitForTheOther),
                step("ingest_core", List.of(), waitForTheOther),
                step("stage", List.of("ingest_crm", "ingest_core"), a -> StepOutcome.of(20, 18)))).run();

        assertThat(run.succeeded()).isTrue();
        assertThat(run.steps()).extracting(StepRun::step).containsExactly("ingest_crm", "ingest_core", "stage");
        StepRun stage = run.steps().get(2);
        assertThat(stage.rowsIn()).isEqualTo(20);
        assertThat(stage.rowsOut()).isEqualTo(18);
        assertThat(stage.startedAt()).isAfterOrEqualTo(run.steps().get(0).finishedAt());
        assertThat(history.find(run.runId()).orElseThrow().status()).isEqualTo("succeeded");
    }

    @Test
    void aTransientFailureIsRetriedAndTheRunSucceeds() {
        PipelineRun run = runner(List.of(step("ingest_crm", List.of(), attempt -> {
            if (attempt < 3) {
                throw new IllegalStateException("connection reset");
            }
            return StepOutcome.of(5, 5);
        }))).run();

        assertThat(run.succeeded()).isTrue();
        assertThat(run.steps().get(0).attempts()).isEqualTo(3);
        assertThat(calls.get("ingest_crm")).hasValue(3);
    }

    @Test
    void aPermanentFailureStopsOnlyDependentsAndResumeFinishesTheRun() {
        AtomicInteger broken = new AtomicInteger(1);
        List<PipelineStep> steps = List.of(
                step("ingest_crm", List.of(), a -> {
                    if (broken.get() == 1) {
                        throw new PermanentStepFailure("CRM API at http://crm refused the credentials");
                    }
                    return StepOutcome.of(1, 1);
                }),
                step("ingest_files", List.of(), a -> StepOutcome.of(3, 3)),
                step("stage_files", List.of("ingest_files"), a -> StepOutcome.of(3, 3)),
                step("identity", List.of("ingest_crm", "stage_files"), a -> StepOutcome.of(4, 2)));
        PipelineRun failed = runner(steps).run();

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.message()).contains("ingest_crm").contains("refused the credentials");
        assertThat(statuses(failed)).containsEntry("ingest_crm", StepStatus.FAILED)
                .containsEntry("ingest_files", StepStatus.SUCCEEDED)
                .containsEntry("stage_files", StepStatus.SUCCEEDED)
                .containsEntry("identity", StepStatus.BLOCKED);
        assertThat(calls.get("ingest_crm")).as("permanent failures are not retried").hasValue(1);

        broken.set(0);
        PipelineRun resumed = runner(steps).resume(history.find(failed.runId()).orElseThrow());

        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.succeeded()).isTrue();
        assertThat(calls.get("ingest_files")).as("finished steps are not redone").hasValue(1);
        assertThat(calls.get("stage_files")).hasValue(1);
        assertThat(calls.get("ingest_crm")).hasValue(2);
        assertThat(calls.get("identity")).hasValue(1);
    }

    @Test
    void badDagsAreRejectedWithTheStepNames() {
        assertThatThrownBy(() -> new PipelineDag(List.of(step("a", List.of("b"), x -> null), step("b", List.of("a"), x -> null))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> new PipelineDag(List.of(step("a", List.of("nope"), x -> null))))
                .hasMessageContaining("'a' depends on unknown step 'nope'");
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
        assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoffBefore(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.retries(new RuntimeException(), 4)).isTrue();
        assertThat(p.retries(new RuntimeException(), 5)).isFalse();
        assertThat(p.retries(new ConfigException("bad key"), 1)).isFalse();
    }
}
