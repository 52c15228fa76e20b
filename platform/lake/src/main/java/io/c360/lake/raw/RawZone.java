package io.c360.lake.raw;

import io.c360.runtime.C360Config;
import io.c360.runtime.raw.RawManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The raw zone of a workspace: {@code raw/<source>/<entity>/ingest_date=…/batch=<id>/}. Only
 * batches with a {@code _manifest.json} are complete; the others are still being written.
 */
public final class RawZone {

    private final Path root;

    public RawZone(Path root) {
        this.root = root;
    }

    public static RawZone of(C360Config config) {
        return new RawZone(config.workspace().resolve("raw"));
    }

    public Path root() {
        return root;
    }

    /** Complete batches of one entity in batch-id order (= landing order). */
    public List<RawBatch> batches(String source, String entity) {
        Path entityDir = root.resolve(source).resolve(entity);
        if (!Files.isDirectory(entityDir)) {
            return List.of();
        }
        try (Stream<Path> dates = Files.list(entityDir)) {
            return dates.filter(d -> d.getFileName().toString().startsWith("ingest_date="))
                    .flatMap(RawZone::batchDirs)
                    .filter(b -> Files.isRegularFile(b.resolve(RawManifest.FILE_NAME)))
                    .map(b -> new RawBatch(b, RawManifest.read(b)))
                    .sorted(Comparator.comparing(RawBatch::id))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list raw batches in " + entityDir, e);
        }
    }

    /** The batch folder for a new batch id (the folder is not created). */
    public Path batchDir(String source, String entity, String ingestDate, String batchId) {
        return root.resolve(source).resolve(entity).resolve("ingest_date=" + ingestDate).resolve("batch=" + batchId);
    }

    private static Stream<Path> batchDirs(Path dateDir) {
        try (Stream<Path> s = Files.list(dateDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("batch=")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dateDir, e);
        }
    }
}
