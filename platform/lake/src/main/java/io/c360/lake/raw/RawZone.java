package io.c360.lake.raw;

import io.c360.runtime.C360Config;
import io.c360.runtime.raw.RawManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The raw zone: {@code <raw-zone>/<source>/<entity>/ingest_date=…/batch=<id>/}, on any Hadoop file
 * system — a local folder (the default, {@code <workspace>/raw}) or an object store
 * ({@code s3a://bucket/prefix}). Only batches with a {@code _manifest.json} are complete; the others
 * are still being written (or were left by a crash) and readers ignore them.
 */
public final class RawZone {

    private final Path root;
    private final Configuration hadoop;

    public RawZone(Path root, Configuration hadoop) {
        this.root = root;
        this.hadoop = hadoop;
    }

    /** A raw zone in a local folder (tests, benchmarks on scratch folders). */
    public RawZone(java.nio.file.Path folder) {
        this(new Path(folder.toAbsolutePath().toUri()), new Configuration());
    }

    /** The zone at {@code raw-zone}, with the file-system settings of the Spark session (s3a endpoint, credentials). */
    public static RawZone of(C360Config config, SparkSession spark) {
        return new RawZone(location(config), spark.sparkContext().hadoopConfiguration());
    }

    /** {@code raw-zone} as a Hadoop path: a URI with a scheme, or a local folder. */
    public static Path location(C360Config config) {
        String value = config.get("raw-zone");
        return value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")
                ? new Path(value)
                : new Path(java.nio.file.Path.of(value).toAbsolutePath().normalize().toUri());
    }

    public Path root() {
        return root;
    }

    /** The zone's file system; a local one without Hadoop's .crc side files (raw keeps the bytes as delivered, nothing else). */
    public FileSystem fileSystem() {
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of the raw zone " + root + ": " + e.getMessage(), e);
        }
    }

    /** Complete batches of one entity in batch-id order (= landing order). */
    public List<RawBatch> batches(String source, String entity) {
        List<RawBatch> out = new ArrayList<>();
        for (Path dir : batchDirs(source, entity)) {
            if (hasManifest(dir)) {
                out.add(new RawBatch(dir, readManifest(dir)));
            }
        }
        return out;
    }

    /** Every batch folder of the entity, complete or not, in batch-id order. */
    public List<Path> batchDirs(String source, String entity) {
        List<Path> out = new ArrayList<>();
        for (FileStatus date : list(entityDir(source, entity))) {
            if (date.isDirectory() && date.getPath().getName().startsWith("ingest_date=")) {
                for (FileStatus batch : list(date.getPath())) {
                    if (batch.isDirectory() && batch.getPath().getName().startsWith("batch=")) {
                        out.add(batch.getPath());
                    }
                }
            }
        }
        out.sort(Comparator.comparing(RawZone::batchIdOf));
        return out;
    }

    public Path entityDir(String source, String entity) {
        return new Path(new Path(root, source), entity);
    }

    /** The batch folder for a new batch id (the folder is not created). */
    public Path batchDir(String source, String entity, String ingestDate, String batchId) {
        return new Path(new Path(entityDir(source, entity), "ingest_date=" + ingestDate), "batch=" + batchId);
    }

    public static String batchIdOf(Path batchDir) {
        return batchDir.getName().substring("batch=".length());
    }

    public boolean hasManifest(Path batchDir) {
        try {
            return fileSystem().exists(new Path(batchDir, RawManifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the manifest in " + batchDir + ": " + e.getMessage(), e);
        }
    }

    public RawManifest readManifest(Path batchDir) {
        Path file = new Path(batchDir, RawManifest.FILE_NAME);
        try (FSDataInputStream in = fileSystem().open(file)) {
            return RawManifest.parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read raw manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the manifest last, as the commit point of the batch: to a temporary name, then renamed,
     * so a reader never sees half a manifest (on an object store the rename is a copy of a complete object).
     */
    public void writeManifest(Path batchDir, RawManifest manifest) {
        FileSystem fs = fileSystem();
        Path tmp = new Path(batchDir, "." + RawManifest.FILE_NAME + ".tmp");
        Path file = new Path(batchDir, RawManifest.FILE_NAME);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(manifest.toJson());
            }
            if (!fs.rename(tmp, file)) {
                throw new IOException("rename of " + tmp + " to " + file + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write raw manifest in " + batchDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a batch assembled in a local folder into its raw place: a rename when the zone is local
     * too, else an upload (the source folder is deleted after). A crash midway leaves a folder without
     * manifest, which the next landing deletes.
     */
    public void moveIn(java.nio.file.Path localDir, Path batchDir) {
        FileSystem fs = fileSystem();
        Path from = new Path(localDir.toAbsolutePath().toUri());
        try {
            fs.mkdirs(batchDir.getParent());
            if ("file".equals(fs.getUri().getScheme())) {
                if (!fs.rename(from, batchDir)) {
                    throw new IOException("the file system refused the rename");
                }
            } else {
                fs.copyFromLocalFile(true, true, from, batchDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + localDir + " into the raw zone at " + batchDir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a folder of the zone (an incomplete batch) with everything in it. */
    public void delete(Path dir) {
        try {
            fileSystem().delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<FileStatus> list(Path dir) {
        try {
            return List.of(fileSystem().listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
