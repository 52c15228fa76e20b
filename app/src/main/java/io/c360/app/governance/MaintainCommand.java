package io.c360.app.governance;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.lifecycle.maintenance.Maintenance;
import io.c360.lifecycle.maintenance.MaintenanceReport;
import io.c360.lifecycle.maintenance.RetentionPolicy;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Instant;

@Command(name = "maintain", description = {
        "Enforce retention and keep the lake healthy: delete raw batches older than retention.raw-days, quarantined",
        "files and rows older than retention.quarantine-days, compact small files, expire snapshots older than",
        "retention.snapshot-days and remove orphan files."})
public final class MaintainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        SparkSession spark = LakeSession.open(config);
        try {
            MaintenanceReport r = new Maintenance(config, spark, progress).run(RetentionPolicy.from(config), Instant.now());
            progress.info("maintained: " + r.rawBatchesDeleted() + " raw batch(es) and " + r.quarantineFoldersDeleted()
                    + " quarantine folder(s) past retention deleted, " + r.quarantineRowsDeleted() + " quarantine row(s) deleted, "
                    + r.dataFilesCompacted() + " data file(s) compacted, " + r.snapshotsExpired() + " snapshot(s) expired, "
                    + r.orphanFilesRemoved() + " orphan file(s) removed");
        } finally {
            spark.stop();
        }
    }
}
