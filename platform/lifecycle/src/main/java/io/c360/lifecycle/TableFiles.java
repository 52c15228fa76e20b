package io.c360.lifecycle;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.Spark3Util;
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

    public Table load(String table) {
        try {
            return Spark3Util.loadIcebergTable(spark, table);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load Iceberg table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites every data file that has delete files, so rows deleted (or superseded by a
     * merge-on-read MERGE) no longer exist in any current file. Files without deletes are left alone.
     * Returns the number of data files rewritten.
     */
    public int purgeDeletedRows(String table) {
        RewriteDataFiles.Result r = SparkActions.get(spark).rewriteDataFiles(load(table))
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
        RewriteDataFiles.Result r = SparkActions.get(spark).rewriteDataFiles(load(table))
                .option("delete-file-threshold", "1")
                .option("min-input-files", "2")
                .option("remove-dangling-deletes", "true")
                .execute();
        return r.rewrittenDataFilesCount();
    }

    /**
     * Rewrites the current snapshot's manifests so they list live files only: a manifest written by
     * a delete or rewrite also lists the removed files with their column bounds (values of the
     * removed rows), until it is rewritten. Returns the manifests replaced.
     */
    public int rewriteManifests(String table) {
        Table t = load(table);
        if (t.currentSnapshot() == null) {
            return 0;
        }
        int before = t.currentSnapshot().allManifests(t.io()).size();
        t.rewriteManifests().clusterBy(file -> "all").rewriteIf(manifest -> true).commit();
        return before;
    }

    /** Expires the snapshots older than {@code olderThan}, always keeping the current one; returns how many went. */
    public int expireSnapshots(String table, Instant olderThan) {
        Table t = load(table);
        int before = count(t.snapshots());
        t.expireSnapshots().expireOlderThan(olderThan.toEpochMilli()).retainLast(1).cleanExpiredFiles(true).commit();
        t.refresh();
        return before - count(t.snapshots());
    }

    /** Deletes files in the table's folder that no snapshot or metadata references and are older than {@code olderThan}. */
    public int removeOrphans(String table, Instant olderThan) {
        DeleteOrphanFiles.Result r = SparkActions.get(spark).deleteOrphanFiles(load(table))
                .olderThan(olderThan.toEpochMilli()).execute();
        int n = 0;
        for (String ignored : r.orphanFileLocations()) {
            n++;
        }
        return n;
    }

    private static int count(Iterable<Snapshot> snapshots) {
        int n = 0;
        for (Snapshot ignored : snapshots) {
            n++;
        }
        return n;
    }
}
