package io.c360.pipeline;

import java.util.List;
import java.util.Optional;

/** Where runs and their steps are recorded (ops.pipeline_runs / ops.step_runs). */
public interface RunHistory {

    void runStarted(PipelineRun run);

    void stepFinished(StepRun step);

    void runFinished(PipelineRun run);

    Optional<PipelineRun> find(String runId);

    List<PipelineRun> recent(int limit);
}
