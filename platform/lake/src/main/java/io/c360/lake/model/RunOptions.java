package io.c360.lake.model;

import java.util.Map;

/**
 * @param replayQuarantine re-read only the batches that have open quarantine records
 *                         (after the raw was fixed or the model's rules changed)
 * @param reprocess        re-read every raw batch, processed or not, and rebuild models built by key whole (the result is identical)
 * @param vars             values of the {@code {{ var('name') }}} placeholders, e.g. {@code as_of}
 */
public record RunOptions(boolean replayQuarantine, boolean reprocess, Map<String, String> vars) {

    public RunOptions {
        vars = Map.copyOf(vars);
    }

    public RunOptions(boolean replayQuarantine, boolean reprocess) {
        this(replayQuarantine, reprocess, Map.of());
    }

    public static RunOptions incremental() {
        return new RunOptions(false, false);
    }

    public RunOptions withVars(Map<String, String> values) {
        return new RunOptions(replayQuarantine, reprocess, values);
    }
}
