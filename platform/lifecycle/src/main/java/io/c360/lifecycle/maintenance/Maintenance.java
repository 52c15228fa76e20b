package io.c360.lifecycle.maintenance;

import io.c360.lake.ops.QuarantineTable;
import io.c360.lifecycle.FolderTree;
import io.c360.lifecycle.TableFiles;
import io.c360.pipeline.WorkspaceLock;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code c360 maintain}: enforces the retention of each zone ({@link RetentionPolicy}) and keeps the
 * lake's tables healthy — deletes raw batches and quarantined files older than their limit,
 * compacts small data files (and purges rows deleted by merge-on-read), expires snapshots older than
 * the time-travel window and removes orphan files. Holds the workspace lock, so no pipeline run
 * writes meanwhile. {@code now} is a parameter so the retention is testable.
 */
public final class Maintenance {

    private final C360Config config;
    private final SparkSession spark;
    private final Progress progress;

    public Maintenance(C360Config config, SparkSession spark, Progress progress) {
        this.config = config;
        this.spark = spark;
        this.progress = progress;
    }

    public MaintenanceReport run(RetentionPolicy policy, Instant now) {
        try (WorkspaceLock ignored = WorkspaceLock.acquire(config.workspace(), "maintenance")) {
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            long[] raw = expireRaw(policy.rawDays(), today);
            int quarantineFolders = expireQuarantineFolders(policy.quarantineDays(), today);
            long quarantineRows = expireQuarantineRows(policy.quarantineDays(), now);
            int[] files = maintainTables(policy.snapshotDays(), now);
            return new MaintenanceReport((int) raw[0], raw[1], quarantineFolders, quarantineRows, files[0], files[1], files[2]);
        }
    }

    /** Raw batch folders under {@code ingest_date=} folders older than the limit: {batches, bytes}. */
    private long[] expireRaw(int days, LocalDate today) {
        try (Progress.Step step = progress.start("raw retention (" + limit(days) + ")", "batches")) {
            long[] out = {0, 0};
            if (days > 0) {
                for (Path dateDir : dated(config.workspace().resolve("raw"), 3, "ingest_date=")) {
                    if (olderThan(dateDir, "ingest_date=", today, days)) {
                        out[0] += count(dateDir, "batch=");
                        out[1] += new FolderTree(dateDir).delete();
                    }
                }
            }
            step.add(out[0]);
            step.done(out[0] + " batch(es) deleted, " + Progress.formatCount(out[1]) + " bytes");
            return out;
        }
    }

    private int expireQuarantineFolders(int days, LocalDate today) {
        try (Progress.Step step = progress.start("quarantine retention (" + limit(days) + ")", "folders")) {
            int n = 0;
            if (days > 0) {
                for (Path dateDir : dated(config.workspace().resolve("quarantine"), 2, "")) {
                    if (olderThan(dateDir, "", today, days)) {
                        new FolderTree(dateDir).delete();
                        n++;
                    }
                }
            }
            step.add(n);
            step.done(n + " dated folder(s) of quarantined files deleted");
            return n;
        }
    }

    private long expireQuarantineRows(int days, Instant now) {
        if (days <= 0 || !spark.catalog().tableExists(QuarantineTable.TABLE)) {
            return 0;
        }
        String cutoff = now.minus(days, ChronoUnit.DAYS).toString();
        String where = " WHERE quarantined_at < TIMESTAMP '" + cutoff.replace("T", " ").replace("Z", "") + "'";
        long n = spark.sql("SELECT count(*) FROM " + QuarantineTable.TABLE + where).first().getLong(0);
        if (n > 0) {
            spark.sql("DELETE FROM " + QuarantineTable.TABLE + where);
        }
        progress.info(QuarantineTable.TABLE + ": " + n + " row(s) older than " + days + " days deleted");
        return n;
    }

    /** Compaction, snapshot expiry and orphan removal on every table: {files compacted, snapshots expired, orphans removed}. */
    private int[] maintainTables(int snapshotDays, Instant now) {
        TableFiles files = new TableFiles(spark);
        int[] out = {0, 0, 0};
        Instant expireBefore = snapshotDays > 0 ? now.minus(snapshotDays, ChronoUnit.DAYS) : Instant.EPOCH;
        for (String table : files.lakeTables()) {
            try (Progress.Step step = progress.start(table, "files")) {
                int compacted = files.compact(table);
                int expired = files.expireSnapshots(table, expireBefore);
                // the workspace lock keeps writers out, so every uncommitted file is an orphan
                int orphans = files.removeOrphans(table, Instant.now());
                out[0] += compacted;
                out[1] += expired;
                out[2] += orphans;
                step.add(compacted + orphans);
                step.done(compacted + " data file(s) compacted, " + expired + " snapshot(s) expired, " + orphans + " orphan file(s) removed");
            }
        }
        return out;
    }

    private static String limit(int days) {
        return days > 0 ? days + " days" : "kept for ever";
    }

    /** Folders {@code depth} levels below {@code root} whose name starts with {@code prefix}. */
    private static List<Path> dated(Path root, int depth, String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root, depth)) {
            return all.filter(p -> p.getNameCount() - root.getNameCount() == depth && Files.isDirectory(p)
                    && p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** True when the folder's name is a date (after the prefix) more than {@code days} days before today. */
    private static boolean olderThan(Path dir, String prefix, LocalDate today, int days) {
        return date(dir.getFileName().toString().substring(prefix.length()))
                .map(d -> d.isBefore(today.minusDays(days))).orElse(false);
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static long count(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
