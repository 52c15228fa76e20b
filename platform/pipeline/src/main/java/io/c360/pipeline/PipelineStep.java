package io.c360.pipeline;

import java.util.List;

/** One node of the pipeline DAG: runs after every step it depends on has succeeded. */
public interface PipelineStep {

    String name();

    List<String> dependsOn();

    StepOutcome run(StepContext context) throws Exception;
}
