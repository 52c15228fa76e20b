package io.c360.lake.model;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import java.time.Instant;
import java.util.Map;

/** Told about every model a {@link ModelRunner} has built, e.g. to record its lineage; called from the runner's model threads. */
@FunctionalInterface
public interface ModelRunListener {

    /**
     * One model built by a run.
     *
     * @param sql         the SQL as run (placeholders replaced)
     * @param analyzed    Spark's analyzed plan of that SQL
     * @param sourceViews the temp views standing for the model's raw sources in the plan, by view name
     */
    record Built(String runId, Model model, String sql, LogicalPlan analyzed, Map<String, SourceRef> sourceViews, ModelRun run,
                 Instant startedAt, Instant finishedAt) {
    }

    void built(Built built);

    /** The run is over (every model built, skipped or failed): a listener may store what it gathered at once. */
    default void runFinished(String runId) {
    }
}
