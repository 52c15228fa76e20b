package io.c360.ingest.raw;

import io.c360.runtime.raw.RawManifest.RawFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch being assembled in the staging area. Nothing of it is visible in raw until it is
 * committed (renamed into place); closing an uncommitted batch deletes it.
 */
public final class StagedBatch implements AutoCloseable {

    private final String batchId;
    private final Instant startedAt;
    private final Path dir;
    private final List<RawFile> files = new ArrayList<>();
    private boolean committed;

    StagedBatch(String batchId, Path dir) {
        this.batchId = batchId;
        this.startedAt = Instant.now();
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + dir, e);
        }
    }

    public static StagedBatch open(RawZone raw, String source, String entity) {
        String id = BatchIds.next(source, entity);
        return new StagedBatch(id, raw.stagingRoot().resolve(id));
    }

    public String batchId() {
        return batchId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Path dir() {
        return dir;
    }

    public void add(RawFile file) {
        files.add(file);
    }

    public List<RawFile> files() {
        return List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public long records() {
        return files.stream().mapToLong(RawFile::records).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(RawFile::bytes).sum();
    }

    /** Moves the staged folder into its raw place (the manifest comes after). */
    public void moveTo(RawZone raw, org.apache.hadoop.fs.Path batchDir) {
        raw.raw().moveIn(dir, batchDir);
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            RawZone.deleteTree(dir);
        }
    }
}
