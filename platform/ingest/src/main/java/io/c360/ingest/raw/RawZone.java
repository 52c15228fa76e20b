package io.c360.ingest.raw;

import io.c360.runtime.raw.RawManifest;
import org.apache.hadoop.fs.FileStatus;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where ingestion writes: the raw zone itself (layout in docs/architecture.md; a local folder or an
 * object store, see {@link io.c360.lake.raw.RawZone}), quarantine, and the staging area where batches
 * are assembled before being moved into raw. Staging and quarantine sit in the workspace of the
 * process that lands (the landing folders are there too); the extracts that Spark's executors
 * write go to {@code _extracts/} on the raw zone's own file system, which every executor reaches.
 */
public final class RawZone {

    private static final String EXTRACTS = "_extracts";

    private final Path workspace;
    private final io.c360.lake.raw.RawZone raw;

    public RawZone(Path workspace, io.c360.lake.raw.RawZone raw) {
        this.workspace = workspace;
        this.raw = raw;
    }

    /** A workspace whose raw zone is its {@code raw/} folder. */
    public RawZone(Path workspace) {
        this(workspace, new io.c360.lake.raw.RawZone(workspace.resolve("raw")));
    }

    public io.c360.lake.raw.RawZone raw() {
        return raw;
    }

    public org.apache.hadoop.fs.Path batchDir(String source, String entity, String ingestDate, String batchId) {
        return raw.batchDir(source, entity, ingestDate, batchId);
    }

    /** Every batch folder of the entity (complete or not), in batch id order. */
    public List<org.apache.hadoop.fs.Path> batchDirs(String source, String entity) {
        return raw.batchDirs(source, entity);
    }

    public Path stagingRoot() {
        return workspace.resolve("state").resolve("ingest").resolve("staging");
    }

    /** Where Spark writes the extract of a batch before it is checked and staged. */
    public org.apache.hadoop.fs.Path extractDir(String batchId) {
        return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(raw.root(), EXTRACTS), batchId);
    }

    /** Extracts of this source/entity left by a crashed run. */
    public List<org.apache.hadoop.fs.Path> extractLeftovers(String source, String entity) {
        List<org.apache.hadoop.fs.Path> out = new ArrayList<>();
        try {
            for (FileStatus s : raw.fileSystem().listStatus(new org.apache.hadoop.fs.Path(raw.root(), EXTRACTS))) {
                if (BatchIds.belongsTo(s.getPath().getName(), source, entity)) {
                    out.add(s.getPath());
                }
            }
        } catch (FileNotFoundException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the extracts under " + raw.root() + ": " + e.getMessage(), e);
        }
        return out;
    }

    public Path quarantineDir(String source, String ingestDate) {
        return workspace.resolve("quarantine").resolve(source).resolve(ingestDate);
    }

    /** A workspace path as the ops log shows it: relative to the workspace. */
    public String relative(Path p) {
        return workspace.relativize(p).toString();
    }

    /** A raw folder as the ops log shows it: {@code raw/…} when the zone is the workspace's folder, else its full URI. */
    public String location(org.apache.hadoop.fs.Path rawDir) {
        if ("file".equals(rawDir.toUri().getScheme())) {
            Path local = Path.of(rawDir.toUri());
            if (local.startsWith(workspace)) {
                return relative(local);
            }
        }
        return rawDir.toString();
    }

    public boolean isComplete(org.apache.hadoop.fs.Path batchDir) {
        return raw.hasManifest(batchDir);
    }

    public RawManifest manifest(org.apache.hadoop.fs.Path batchDir) {
        return raw.readManifest(batchDir);
    }

    public static String batchIdOf(org.apache.hadoop.fs.Path batchDir) {
        return io.c360.lake.raw.RawZone.batchIdOf(batchDir);
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
