package io.c360.lake.model;

/**
 * @param replayQuarantine re-read only the batches that have open quarantine records
 *                         (after the raw was fixed or the model's rules changed)
 * @param reprocess        re-read every raw batch, processed or not (the MERGE keeps the result identical)
 */
public record RunOptions(boolean replayQuarantine, boolean reprocess) {

    public static RunOptions incremental() {
        return new RunOptions(false, false);
    }
}
