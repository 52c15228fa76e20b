package io.c360.lake.raw;

import io.c360.runtime.raw.RawManifest;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lands files as one raw batch (copy + {@code _manifest.json} last). The ingestion connectors
 * have their own writer; this one serves the stage benchmark and tests that need raw batches
 * without running a source system.
 */
public final class RawBatchWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    /** Batch ids must sort in landing order even when two batches land in the same millisecond. */
    private static final AtomicLong LAST_MILLIS = new AtomicLong();

    private final RawZone zone;

    public RawBatchWriter(RawZone zone) {
        this.zone = zone;
    }

    /** Copies the files into a new batch of source/entity; {@code format} is the manifest's (delimited, jsonl, parquet). */
    public RawBatch land(String source, String entity, String connector, String format, List<Path> files) {
        return land(source, entity, connector, format, files, -1);
    }

    /** As {@link #land}, with the record count of Parquet files known to the caller (text files are counted). */
    public RawBatch land(String source, String entity, String connector, String format, List<Path> files, long parquetRecords) {
        Instant started = Instant.ofEpochMilli(LAST_MILLIS.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis())));
        String batchId = STAMP.format(started) + "-" + source + "-" + entity + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        String ingestDate = started.atZone(ZoneOffset.UTC).toLocalDate().toString();
        org.apache.hadoop.fs.Path dir = zone.batchDir(source, entity, ingestDate, batchId);
        try {
            FileSystem fs = zone.fileSystem();
            List<RawManifest.RawFile> landed = new ArrayList<>();
            long bytes = 0;
            long records = 0;
            for (Path f : files) {
                String name = f.getFileName().toString();
                try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir, name), true)) {
                    Files.copy(f, out);
                }
                long lines = format.equals("parquet") ? 0 : lineCount(f);
                landed.add(new RawManifest.RawFile(name, Files.size(f), sha256(f), lines, f.toString()));
                bytes += Files.size(f);
                records += lines;
            }
            RawManifest manifest = new RawManifest(batchId, source, entity, connector, format, ingestDate, landed,
                    format.equals("parquet") ? Math.max(0, parquetRecords) : records,
                    bytes, null, null, null, null, started.toString(), Instant.now().toString());
            zone.writeManifest(dir, manifest);
            return new RawBatch(dir, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot land raw batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    private static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
