package io.c360.lifecycle;

import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.actions.SparkActions;
import io.c360.lake.LakeSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Physical housekeeping of one Iceberg table: rewriting data files so deleted rows are really gone,
 * compacting small files, expiring old snapshots (which deletes the files only they referenced)
 * and removing orphan files (written but never committed, e.g. by a killed run).
 */
public final class TableFiles {

    private final SparkSession spark;

    public TableFiles(SparkSession spark) {
        this.spark = spark;
    }

    /** Every table of the lake's namespaces (stage, analytics, ops). */
    public List<String> lakeTables() {
        List<String> out = new ArrayList<>();
        for (String ns : LakeSession.NAMESPACES) {
            for (Row r : spark.sql("SHOW TABLES IN " + LakeSession.CATALOG + "." + ns).collectAsList()) {
                if (!r.getBoolean(2)) {
                    out.add(ns + "." + r.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Rewrites every data file that has delete files, so rows deleted (or superseded by a
     * merge-on-read MERGE) no longer exist in any current file. Files without deletes are left alone,
     * and a table whose current snapshot has no delete file is not planned at all.
     * Returns the number of data files rewritten.
     */
    public int purgeDeletedRows(String table) {
        Table t = LakeSession.icebergTable(spark, table);
        if (t.currentSnapshot() == null || summaryNumber(t.currentSnapshot(), "total-delete-files") == 0) {
            return 0;
        }
        RewriteDataFiles.Result r = SparkActions.get(spark).rewriteDataFiles(t)
                .option("delete-file-threshold", "1")
                .option("min-input-files", "1")
                .option("min-file-size-bytes", "0")
                .option("max-file-size-bytes", String.valueOf(Long.MAX_VALUE / 2))
                .option("remove-dangling-deletes", "true")
                .execute();
        return r.rewrittenDataFilesCount();
    }

    /** Bin-packs small files (two or more) into files of the table's target size, dropping deleted rows; returns the data files rewritten. */
    public int compact(String table) {
        RewriteDataFiles.Result r = SparkActions.get(spark).rewriteDataFiles(LakeSession.icebergTable(spark, table))
                .option("delete-file-threshold", "1")
                .option("min-input-files", "2")
                .option("remove-dangling-deletes", "true")
                .execute();
        return r.rewrittenDataFilesCount();
    }

    /**
     * Rewrites the current snapshot's manifests so they list live files only: a manifest written by
     * a delete or rewrite also lists the removed files with their column bounds (values of the
     * removed rows), until it is rewritten. Returns the manifests replaced (0 when no data manifest
     * lists a removed file).
     */
    public int rewriteManifests(String table) {
        Table t = LakeSession.icebergTable(spark, table);
        if (t.currentSnapshot() == null || t.currentSnapshot().dataManifests(t.io()).stream().noneMatch(ManifestFile::hasDeletedFiles)) {
            return 0;
        }
        int before = t.currentSnapshot().allManifests(t.io()).size();
        t.rewriteManifests().clusterBy(file -> "all").rewriteIf(manifest -> true).commit();
        return before;
    }

    /** Expires the snapshots older than {@code olderThan}, always keeping the current one; returns how many went. */
    public int expireSnapshots(String table, Instant olderThan) {
        Table t = LakeSession.icebergTable(spark, table);
        int before = count(t.snapshots());
        if (before <= 1) {
            return 0;
        }
        t.expireSnapshots().expireOlderThan(olderThan.toEpochMilli()).retainLast(1).cleanExpiredFiles(true).commit();
        t.refresh();
        return before - count(t.snapshots());
    }

    /**
     * Deletes files in the table's folder that no snapshot or metadata references and are older than
     * {@code olderThan}. The folder is first listed against the files the table's metadata names (read
     * in the driver): only when some file is not named does Iceberg's own action, a Spark job over
     * every snapshot, decide what to delete.
     */
    public int removeOrphans(String table, Instant olderThan) {
        Table t = LakeSession.icebergTable(spark, table);
        if (!new TableFolder(t, spark.sparkContext().hadoopConfiguration()).holdsUnreferencedFiles(olderThan)) {
            return 0;
        }
        DeleteOrphanFiles.Result r = SparkActions.get(spark).deleteOrphanFiles(t)
                .olderThan(olderThan.toEpochMilli()).execute();
        int n = 0;
        for (String ignored : r.orphanFileLocations()) {
            n++;
        }
        return n;
    }

    private static long summaryNumber(Snapshot snapshot, String key) {
        String value = snapshot.summary().get(key);
        return value == null ? Long.MAX_VALUE : Long.parseLong(value); // not recorded: assume there are some
    }

    private static int count(Iterable<Snapshot> snapshots) {
        int n = 0;
        for (Snapshot ignored : snapshots) {
            n++;
        }
        return n;
    }
}
