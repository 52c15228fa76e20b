package io.c360.lifecycle.erasure;

import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawZone;
import io.c360.lifecycle.FolderTree;
import io.c360.runtime.raw.RawManifest;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Rewrites raw batch files without the person's records and updates each batch's manifest (bytes,
 * sha256, record counts); also strips their lines from files in {@code quarantine/}. Raw stays
 * immutable in every other respect: nothing but the person's records changes.
 */
public final class RawZoneEraser {

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final RawZone zone;

    public RawZoneEraser(SparkSession spark, SourceDefinitions sources, RawZone zone) {
        this.spark = spark;
        this.sources = sources;
        this.zone = zone;
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

    public List<RawFileErasure> erase(ErasureSubject subject, Path workspace) {
        List<RawFileErasure> out = new ArrayList<>();
        for (EntityLayout layout : sources.entities()) {
            Map<String, Set<String>> keys = keysByField(subject, layout.source(), layout.entity());
            for (RawBatch batch : zone.batches(layout.source(), layout.entity())) {
                out.addAll(eraseBatch(batch, layout, keys, subject.strongIdentifiers(), workspace));
            }
        }
        out.addAll(eraseQuarantine(workspace.resolve("quarantine"), subject.strongIdentifiers(), workspace));
        return out;
    }

    private List<RawFileErasure> eraseBatch(RawBatch batch, EntityLayout layout, Map<String, Set<String>> keys,
                                            List<String> strong, Path workspace) {
        List<RawFileErasure> done = new ArrayList<>();
        List<RawManifest.RawFile> files = new ArrayList<>();
        for (RawManifest.RawFile f : batch.manifest().files()) {
            Path path = localFolder(batch.dir()).resolve(f.name());
            long removed = layout.format() == LayoutFormat.PARQUET
                    ? rewriteParquet(path, keys)
                    : rewriteText(path, new RecordMatcher(layout, keys, strong), layout.header());
            if (removed > 0) {
                String after = sha256(path);
                done.add(new RawFileErasure(workspace.relativize(path).toString(), removed, f.sha256(), after));
                files.add(new RawManifest.RawFile(f.name(), size(path), after, Math.max(0, f.records() - removed), f.origin()));
            } else {
                files.add(f);
            }
        }
        if (!done.isEmpty()) {
            RawManifest m = batch.manifest();
            long removed = done.stream().mapToLong(RawFileErasure::recordsRemoved).sum();
            zone.writeManifest(batch.dir(), new RawManifest(m.batchId(), m.source(), m.entity(), m.connector(), m.format(),
                    m.ingestDate(), files, Math.max(0, m.recordCount() - removed), files.stream().mapToLong(RawManifest.RawFile::bytes).sum(),
                    m.schemaFingerprint(), m.watermarkBefore(), m.watermarkAfter(), m.startedAt(), m.finishedAt()));
        }
        return done;
    }

    /**
     * Erasure rewrites raw files in place on a local raw zone; an object-store raw zone (s3a://) would need the
     * rewrite through the Hadoop file system API, which is not built yet: say so rather than skip the files.
     */
    private static Path localFolder(org.apache.hadoop.fs.Path path) {
        String scheme = path.toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new IllegalStateException("erasure can rewrite raw files only on a local raw zone, not " + path
                    + " (raw-zone on an object store is not supported by c360 erase yet)");
        }
        return Path.of(path.toUri().getPath());
    }

    /** Unreadable files set aside by ingestion: lines carrying the person's e-mail or CPF are removed. */
    private List<RawFileErasure> eraseQuarantine(Path quarantine, List<String> strong, Path workspace) {
        if (!Files.isDirectory(quarantine) || strong.isEmpty()) {
            return List.of();
        }
        List<RawFileErasure> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(quarantine)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String before = sha256(p);
                long removed = rewriteText(p, new RecordMatcher(quarantineLayout(), Map.of(), strong), false);
                if (removed > 0) {
                    out.add(new RawFileErasure(workspace.relativize(p).toString(), removed, before, sha256(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + quarantine, e);
        }
        return out;
    }

    private static EntityLayout quarantineLayout() {
        return new EntityLayout("quarantine", "file", null, null, LayoutFormat.DELIMITED, false, "\u0000", "UTF-8", List.of(), null);
    }

    /** Keeps every line but the person's, byte for byte (line endings included); gzip files stay gzip. */
    private static long rewriteText(Path file, RecordMatcher matcher, boolean header) {
        Filtered f = filterText(file, matcher, header);
        if (f.removed() > 0) {
            writeAtomically(file, f.kept().getBytes(StandardCharsets.UTF_8), file.getFileName().toString().endsWith(".gz"));
        }
        return f.removed();
    }

    private record Filtered(String kept, long removed) {
    }

    private static Filtered filterText(Path file, RecordMatcher matcher, boolean header) {
        String text;
        try (InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Filtered("", 0); // not text we can read (a binary quarantined file): left as it is
        }
        StringBuilder kept = new StringBuilder(text.length());
        long removed = 0;
        int start = 0;
        boolean first = true;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(start, end);
            String content = line.stripTrailing();
            if (first && header) {
                matcher.header(content);
                kept.append(line);
            } else if (!content.isBlank() && matcher.matches(content)) {
                removed++;
            } else {
                kept.append(line);
            }
            first = false;
            start = end;
        }
        return new Filtered(kept.toString(), removed);
    }

    /** Records of the person still in raw, per file (for verification; empty after an erasure). */
    public Map<String, Long> remainingRecords(ErasureSubject subject) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (EntityLayout layout : sources.entities()) {
            Map<String, Set<String>> keys = keysByField(subject, layout.source(), layout.entity());
            for (RawBatch batch : zone.batches(layout.source(), layout.entity())) {
                for (org.apache.hadoop.fs.Path file : batch.files()) {
                    Path path = localFolder(file);
                    long n = remainingIn(path, layout, keys, subject.strongIdentifiers());
                    if (n > 0) {
                        out.put(localFolder(zone.root()).relativize(path).toString(), n);
                    }
                }
            }
        }
        return out;
    }

    private long remainingIn(Path path, EntityLayout layout, Map<String, Set<String>> keys, List<String> strong) {
        if (layout.format() != LayoutFormat.PARQUET) {
            return filterText(path, new RecordMatcher(layout, keys, strong), layout.header()).removed();
        }
        if (keys.isEmpty()) {
            return 0;
        }
        Dataset<Row> rows = spark.read().parquet(path.toUri().toString());
        return rows.filter(personIn(keys, rows.columns())).count();
    }

    private static Column personIn(Map<String, Set<String>> keys, String[] columns) {
        Column person = lit(false);
        for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
            if (List.of(columns).contains(e.getKey())) {
                person = person.or(col(e.getKey()).cast("string").isin(e.getValue().toArray()));
            }
        }
        return person;
    }

    private long rewriteParquet(Path file, Map<String, Set<String>> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Dataset<Row> rows = spark.read().parquet(file.toUri().toString());
        Column person = personIn(keys, rows.columns());
        long removed = rows.filter(person).count();
        if (removed == 0) {
            return 0;
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".erasing");
        rows.filter(person.unary_$bang()).coalesce(1).write().mode("overwrite").parquet(tmp.toUri().toString());
        try (Stream<Path> parts = Files.list(tmp)) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Parquet file written in " + tmp));
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            new FolderTree(tmp).delete();
            spark.catalog().refreshByPath(file.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace raw file " + file, e);
        }
        return removed;
    }

    private static void writeAtomically(Path file, byte[] content, boolean gz) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".erasing");
        try {
            byte[] bytes = content;
            if (gz) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                try (OutputStream out = new GZIPOutputStream(buffer)) {
                    out.write(content);
                }
                bytes = buffer.toByteArray();
            }
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite raw file " + file, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
