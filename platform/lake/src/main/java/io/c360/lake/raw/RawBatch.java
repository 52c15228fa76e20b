package io.c360.lake.raw;

import io.c360.runtime.raw.RawManifest;

import java.nio.file.Path;
import java.util.List;

/** One complete raw batch: its folder and its manifest. */
public record RawBatch(Path dir, RawManifest manifest) {

    public String id() {
        return manifest.batchId();
    }

    /** The landed files of the batch, in manifest order. */
    public List<Path> files() {
        return manifest.files().stream().map(f -> dir.resolve(f.name())).toList();
    }

    /** When the batch was complete in raw (the manifest's finished_at, ISO-8601 instant). */
    public String ingestedAt() {
        return manifest.finishedAt() != null ? manifest.finishedAt() : manifest.startedAt();
    }
}
