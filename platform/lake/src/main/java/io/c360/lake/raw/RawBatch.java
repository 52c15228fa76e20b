package io.c360.lake.raw;

import io.c360.runtime.raw.RawManifest;
import org.apache.hadoop.fs.Path;

import java.util.List;

/** One complete raw batch: its folder (local or on an object store) and its manifest. */
public record RawBatch(Path dir, RawManifest manifest) {

    public String id() {
        return manifest.batchId();
    }

    /** The landed files of the batch, in manifest order. */
    public List<Path> files() {
        return manifest.files().stream().map(f -> new Path(dir, f.name())).toList();
    }

    /** When the batch was complete in raw (the manifest's finished_at, ISO-8601 instant). */
    public String ingestedAt() {
        return manifest.finishedAt() != null ? manifest.finishedAt() : manifest.startedAt();
    }
}
