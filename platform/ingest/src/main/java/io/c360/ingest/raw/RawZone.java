package io.c360.ingest.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folders of the raw zone and of quarantine (layout in docs/architecture.md), plus the staging
 * area where batches are assembled before being renamed into place. Staging sits under
 * {@code state/ingest/} in the workspace: outside raw, on the same file system.
 */
public final class RawZone {

    private final Path workspace;

    public RawZone(Path workspace) {
        this.workspace = workspace;
    }

    public Path entityDir(String source, String entity) {
        return workspace.resolve("raw").resolve(source).resolve(entity);
    }

    public Path batchDir(String source, String entity, String ingestDate, String batchId) {
        return entityDir(source, entity).resolve("ingest_date=" + ingestDate).resolve("batch=" + batchId);
    }

    public Path stagingRoot() {
        return workspace.resolve("state").resolve("ingest").resolve("staging");
    }

    public Path quarantineDir(String source, String ingestDate) {
        return workspace.resolve("quarantine").resolve(source).resolve(ingestDate);
    }

    public String relative(Path p) {
        return workspace.relativize(p).toString();
    }

    /** Every batch folder of the entity (complete or not), in batch id order. */
    public List<Path> batchDirs(String source, String entity) {
        Path root = entityDir(source, entity);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dates = Files.list(root)) {
            for (Path date : dates.filter(p -> p.getFileName().toString().startsWith("ingest_date=")).toList()) {
                try (Stream<Path> batches = Files.list(date)) {
                    batches.filter(p -> p.getFileName().toString().startsWith("batch=")).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list raw batches under " + root, e);
        }
        out.sort(Comparator.comparing(RawZone::batchIdOf));
        return out;
    }

    public static String batchIdOf(Path batchDir) {
        return batchDir.getFileName().toString().substring("batch=".length());
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
