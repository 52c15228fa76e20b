package io.c360.lifecycle.erasure;

import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawZone;
import io.c360.lifecycle.TaskPool;
import io.c360.runtime.C360Config;
import io.c360.runtime.raw.RawManifest;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites raw batch files without the person's records and updates each batch's manifest (bytes,
 * sha256, record counts); also strips their lines from files in {@code quarantine/}. Raw stays
 * immutable in every other respect: nothing but the person's records changes. Files are read
 * several at a time; a text line that holds none of the person's values is not parsed.
 */
public final class RawZoneEraser {

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final RawZone zone;
    private final TaskPool pool;

    public RawZoneEraser(SparkSession spark, SourceDefinitions sources, RawZone zone, TaskPool pool) {
        this.spark = spark;
        this.sources = sources;
        this.zone = zone;
        this.pool = pool;
    }

    /** The raw zone of this configuration, files worked on {@code erasure.parallelism} at a time. */
    public static RawZoneEraser of(C360Config config, SparkSession spark) {
        return new RawZoneEraser(spark, SourceDefinitions.from(config), RawZone.of(config, spark),
                new TaskPool(config.getInt("erasure.parallelism")));
    }

    /** The raw field values to remove per field of one entity. */
    static Map<String, Set<String>> keysByField(ErasureSubject subject, String source, String entity) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        RawKeyFields.of(source, entity).forEach((field, kind) -> {
            if (!subject.keys(kind).isEmpty()) {
                out.put(field, subject.keys(kind));
            }
        });
        return out;
    }

    /** One landed file of a batch, with what marks the person's records in its entity. */
    private record BatchFile(RawBatch batch, RawManifest.RawFile file, PersonRecords person) {
        Path path() {
            return new Path(batch.dir(), file.name());
        }
    }

    /** How to recognise the person's records in one entity's files. */
    private record PersonRecords(EntityLayout layout, Map<String, Set<String>> keys, List<String> strong, Optional<ValueScanner> scanner) {

        static PersonRecords of(EntityLayout layout, Map<String, Set<String>> keys, List<String> strong) {
            Set<String> values = new LinkedHashSet<>(strong);
            keys.values().forEach(values::addAll);
            return new PersonRecords(layout, keys, strong, ValueScanner.of(values));
        }

        boolean possible() {
            return !keys.isEmpty() || (!strong.isEmpty() && layout.format() != LayoutFormat.PARQUET);
        }

        PersonLines lines() {
            return new PersonLines(new RecordMatcher(layout, keys, strong), scanner, layout.header());
        }
    }

    public List<RawFileErasure> erase(ErasureSubject subject, java.nio.file.Path workspace) {
        refuseObjectStore();
        List<BatchFile> files = batchFiles(subject);
        List<Optional<ErasedFile>> erased = pool.map(files, this::erase);
        List<RawFileErasure> out = new ArrayList<>();
        Map<RawBatch, List<ErasedFile>> changed = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            BatchFile f = files.get(i);
            erased.get(i).ifPresent(e -> {
                out.add(new RawFileErasure(shown(f.path(), workspace), e.removed(), f.file().sha256(), e.entry().sha256()));
                changed.computeIfAbsent(f.batch(), b -> new ArrayList<>()).add(e);
            });
        }
        changed.forEach(this::updateManifest);
        out.addAll(eraseQuarantine(workspace, subject.strongIdentifiers()));
        return out;
    }

    /**
     * A file is replaced by renaming its new version over it, which a local file system does atomically;
     * an object store (s3a://) refuses to rename over an existing object, and so does the raw zone's
     * manifest update: say so rather than leave the files half erased.
     */
    private void refuseObjectStore() {
        String scheme = zone.root().toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new IllegalStateException("erasure can rewrite raw files only on a local raw zone, not " + zone.root()
                    + " (raw-zone on an object store is not supported by c360 erase yet)");
        }
    }

    /** Records of the person still in raw, per file relative to the zone (for verification; empty after an erasure). */
    public Map<String, Long> remainingRecords(ErasureSubject subject) {
        List<BatchFile> files = batchFiles(subject);
        List<Long> found = pool.map(files, f -> count(f.path(), f.person()));
        Map<String, Long> out = new LinkedHashMap<>();
        URI root = zone.root().toUri();
        for (int i = 0; i < files.size(); i++) {
            if (found.get(i) > 0) {
                out.put(root.relativize(files.get(i).path().toUri()).getPath(), found.get(i));
            }
        }
        return out;
    }

    /** Every landed file of every complete batch whose entity can hold the person's records. */
    private List<BatchFile> batchFiles(ErasureSubject subject) {
        List<BatchFile> out = new ArrayList<>();
        for (EntityLayout layout : sources.entities()) {
            PersonRecords person = PersonRecords.of(layout, keysByField(subject, layout.source(), layout.entity()), subject.strongIdentifiers());
            if (!person.possible()) {
                continue;
            }
            for (RawBatch batch : zone.batches(layout.source(), layout.entity())) {
                batch.manifest().files().forEach(f -> out.add(new BatchFile(batch, f, person)));
            }
        }
        return out;
    }

    /** A file rewritten without the person's records: its new manifest entry, and how many records went. */
    private record ErasedFile(RawManifest.RawFile entry, long removed) {
    }

    /** Removes the person's records from one file; empty when it held none. */
    private Optional<ErasedFile> erase(BatchFile f) {
        long removed = f.person().layout().format() == LayoutFormat.PARQUET ? rewriteParquet(f.path(), f.person().keys())
                : new RawTextFile(zone.fileSystem(), f.path()).remove(f.person()::lines);
        if (removed == 0) {
            return Optional.empty();
        }
        RawManifest.RawFile before = f.file();
        return Optional.of(new ErasedFile(new RawManifest.RawFile(before.name(), size(f.path()), sha256(zone.fileSystem(), f.path()),
                Math.max(0, before.records() - removed), before.origin()), removed));
    }

    private long count(Path file, PersonRecords person) {
        return person.layout().format() == LayoutFormat.PARQUET ? personRows(file, person.keys())
                : new RawTextFile(zone.fileSystem(), file).count(person.lines());
    }

    /** The batch's manifest with the new entries of its rewritten files, and its record count less the records removed. */
    private void updateManifest(RawBatch batch, List<ErasedFile> erased) {
        RawManifest m = batch.manifest();
        List<RawManifest.RawFile> files = new ArrayList<>();
        for (RawManifest.RawFile f : m.files()) {
            files.add(erased.stream().map(ErasedFile::entry).filter(e -> e.name().equals(f.name())).findFirst().orElse(f));
        }
        long removed = erased.stream().mapToLong(ErasedFile::removed).sum();
        zone.writeManifest(batch.dir(), new RawManifest(m.batchId(), m.source(), m.entity(), m.connector(), m.format(),
                m.ingestDate(), files, Math.max(0, m.recordCount() - removed), files.stream().mapToLong(RawManifest.RawFile::bytes).sum(),
                m.schemaFingerprint(), m.fieldNames(), m.watermarkBefore(), m.watermarkAfter(), m.startedAt(), m.finishedAt()));
    }

    /** Unreadable files set aside by ingestion (in the workspace): lines carrying the person's e-mail or CPF are removed. */
    private List<RawFileErasure> eraseQuarantine(java.nio.file.Path workspace, List<String> strong) {
        java.nio.file.Path folder = workspace.resolve("quarantine");
        if (!java.nio.file.Files.isDirectory(folder) || strong.isEmpty()) {
            return List.of();
        }
        EntityLayout layout = new EntityLayout("quarantine", "file", null, null, LayoutFormat.DELIMITED, false, "\u0000", "UTF-8", List.of(), null);
        PersonRecords person = PersonRecords.of(layout, Map.of(), strong);
        FileSystem local = localFileSystem();
        List<RawFileErasure> out = new ArrayList<>();
        pool.map(listFiles(local, new Path(folder.toAbsolutePath().toUri())), f -> {
            RawTextFile text = new RawTextFile(local, f);
            if (text.count(person.lines()) == 0) {
                return Optional.<RawFileErasure>empty();
            }
            String before = sha256(local, f);
            long n = text.remove(person::lines);
            return Optional.of(new RawFileErasure(shown(f, workspace), n, before, sha256(local, f)));
        }).forEach(e -> e.ifPresent(out::add));
        return out;
    }

    /**
     * The condition that marks the person's rows of a Parquet file, by its key columns compared in
     * their own type (so Parquet statistics can skip row groups); {@code false} when no key column is there.
     */
    private String personCondition(StructType schema, Map<String, Set<String>> keys) {
        List<String> terms = new ArrayList<>();
        keys.forEach((field, values) -> {
            if (List.of(schema.fieldNames()).contains(field)) {
                String term = KeyCondition.sql(field, schema.apply(field).dataType(), values);
                if (!term.isEmpty()) {
                    terms.add(term);
                }
            }
        });
        return terms.isEmpty() ? "false" : String.join(" OR ", terms);
    }

    private long personRows(Path file, Map<String, Set<String>> keys) {
        Dataset<Row> rows = spark.read().parquet(file.toString());
        return rows.filter(personCondition(rows.schema(), keys)).count();
    }

    /** Writes the file again without the person's rows (a row whose key is null is not theirs, and stays). */
    private long rewriteParquet(Path file, Map<String, Set<String>> keys) {
        long removed = keys.isEmpty() ? 0 : personRows(file, keys);
        if (removed == 0) {
            return 0;
        }
        Dataset<Row> rows = spark.read().parquet(file.toString());
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".erasing");
        rows.filter("NOT coalesce(" + personCondition(rows.schema(), keys) + ", false)").coalesce(1)
                .write().mode("overwrite").parquet(tmp.toString());
        FileSystem fs = zone.fileSystem();
        try {
            Path part = listFiles(fs, tmp).stream().filter(p -> p.getName().endsWith(".parquet")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Parquet file written in " + tmp));
            if (!fs.rename(part, file)) {
                throw new IOException("the file system refused to rename " + part + " to " + file);
            }
            fs.delete(tmp, true);
            spark.catalog().refreshByPath(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace raw file " + file + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** A file's path in the certificate: relative to the workspace when inside it, else its full URI. */
    private static String shown(Path file, java.nio.file.Path workspace) {
        URI uri = file.toUri();
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            java.nio.file.Path local = java.nio.file.Path.of(uri.getPath());
            java.nio.file.Path root = workspace.toAbsolutePath().normalize();
            if (local.startsWith(root)) {
                return root.relativize(local).toString();
            }
        }
        return file.toString();
    }

    private FileSystem localFileSystem() {
        try {
            return FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).getRaw();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listFiles(FileSystem fs, Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            var files = fs.listFiles(dir, true);
            while (files.hasNext()) {
                out.add(files.next().getPath());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private long size(Path file) {
        try {
            return zone.fileSystem().getFileStatus(file).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
