package io.c360.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run history kept in memory, for tests of the runner's logic. */
final class InMemoryRunHistory implements RunHistory {

    private final Map<String, PipelineRun> runs = new LinkedHashMap<>();
    private final Map<String, Map<String, StepRun>> steps = new LinkedHashMap<>();

    @Override
    public synchronized void runStarted(PipelineRun run) {
        runs.put(run.runId(), run);
    }

    @Override
    public synchronized void stepFinished(StepRun step) {
        steps.computeIfAbsent(step.runId(), k -> new LinkedHashMap<>()).put(step.step(), step);
    }

    @Override
    public synchronized void runFinished(PipelineRun run) {
        runs.put(run.runId(), run);
    }

    @Override
    public synchronized Optional<PipelineRun> find(String runId) {
        PipelineRun r = runs.get(runId);
        return r == null ? Optional.empty() : Optional.of(new PipelineRun(r.runId(), r.status(), r.startedAt(),
                r.finishedAt(), r.message(), new ArrayList<>(steps.getOrDefault(runId, Map.of()).values())));
    }

    @Override
    public synchronized List<PipelineRun> recent(int limit) {
        return runs.keySet().stream().map(id -> find(id).orElseThrow()).limit(limit).toList();
    }
}
