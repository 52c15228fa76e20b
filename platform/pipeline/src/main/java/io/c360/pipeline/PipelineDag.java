package io.c360.pipeline;

import io.c360.runtime.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps of a pipeline, checked: unique names, known dependencies, no cycles. */
public final class PipelineDag {

    private final Map<String, PipelineStep> steps = new LinkedHashMap<>();

    public PipelineDag(List<PipelineStep> steps) {
        for (PipelineStep s : steps) {
            if (this.steps.put(s.name(), s) != null) {
                throw new ConfigException("pipeline step '" + s.name() + "' is declared twice");
            }
        }
        for (PipelineStep s : steps) {
            for (String d : s.dependsOn()) {
                if (!this.steps.containsKey(d)) {
                    throw new ConfigException("pipeline step '" + s.name() + "' depends on unknown step '" + d + "'");
                }
            }
        }
        checkAcyclic();
    }

    public List<PipelineStep> steps() {
        return List.copyOf(steps.values());
    }

    public PipelineStep step(String name) {
        return steps.get(name);
    }

    /** Every step that (transitively) depends on {@code name}. */
    public Set<String> dependentsOf(String name) {
        Set<String> out = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PipelineStep s : steps.values()) {
                if (!out.contains(s.name()) && s.dependsOn().stream().anyMatch(d -> d.equals(name) || out.contains(d))) {
                    grew = out.add(s.name()) || grew;
                }
            }
        }
        return out;
    }

    private void checkAcyclic() {
        Set<String> done = new HashSet<>();
        List<String> remaining = new ArrayList<>(steps.keySet());
        while (!remaining.isEmpty()) {
            List<String> ready = remaining.stream().filter(n -> done.containsAll(steps.get(n).dependsOn())).toList();
            if (ready.isEmpty()) {
                throw new ConfigException("pipeline steps form a cycle: " + String.join(", ", remaining));
            }
            done.addAll(ready);
            remaining.removeAll(ready);
        }
    }
}
