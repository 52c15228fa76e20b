package io.c360.lake.model;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What one build of a model rebuilt by key read: a fingerprint of its SQL and variables, and the
 * snapshot of every table it read. Kept in the summary of the snapshot that wrote the model's rows,
 * so it changes atomically with them; a later write by something else (an erasure, a compaction)
 * leaves it on an ancestor snapshot.
 */
record BuildRecord(String fingerprint, Map<String, Long> inputs) {

    private static final String FINGERPRINT = "c360.build.fingerprint";
    private static final String INPUT = "c360.build.input.";

    /** The record of the table's latest build, if the table was written by one. */
    static Optional<BuildRecord> latest(Table table) {
        for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            String fingerprint = s.summary().get(FINGERPRINT);
            if (fingerprint != null) {
                Map<String, Long> inputs = new LinkedHashMap<>();
                s.summary().forEach((k, v) -> {
                    if (k.startsWith(INPUT)) {
                        inputs.put(k.substring(INPUT.length()), Long.parseLong(v));
                    }
                });
                return Optional.of(new BuildRecord(fingerprint, inputs));
            }
        }
        return Optional.empty();
    }

    /** Runs the write with this record in the summary of the snapshot it commits. */
    <R> R writing(Callable<R> write) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put(FINGERPRINT, fingerprint);
        inputs.forEach((t, id) -> summary.put(INPUT + t, Long.toString(id)));
        return CommitMetadata.withCommitProperties(summary, write, RuntimeException.class);
    }
}
