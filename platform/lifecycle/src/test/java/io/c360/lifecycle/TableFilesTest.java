package io.c360.lifecycle;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge steps do nothing (no commit) where the table's metadata shows there is
 * nothing to do, and still do their work where there is: rows deleted by merge-on-read, manifests
 * listing removed files, old snapshots, files no metadata names.
 */
class TableFilesTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static TableFiles files;

    @BeforeAll
    static void openLake() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
        files = new TableFiles(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void eachPurgeStepRunsOnlyWhereTheMetadataShowsWorkAndThenLeavesOnlyLiveFiles() throws Exception {
        spark.sql("CREATE TABLE ops.purge_probe (id INT, name STRING) USING iceberg "
                + "TBLPROPERTIES ('format-version' = '2', 'write.delete.mode' = 'merge-on-read')");
        spark.range(1, 3).selectExpr("CAST(id AS INT) AS id", "concat('n', id) AS name").coalesce(1).writeTo("ops.purge_probe").append();
        spark.sql("INSERT INTO ops.purge_probe VALUES (3, 'n3')");
        long appendsOnly = snapshotId();
        assertThat(files.purgeDeletedRows("ops.purge_probe")).as("no delete file").isZero();
        assertThat(files.rewriteManifests("ops.purge_probe")).as("no manifest lists a removed file").isZero();
        assertThat(files.removeOrphans("ops.purge_probe", Instant.now())).isZero();
        assertThat(snapshotId()).as("nothing committed").isEqualTo(appendsOnly);

        spark.sql("DELETE FROM ops.purge_probe WHERE id = 2");
        Path dataFolder = folderOf(spark.sql("SELECT file_path FROM ops.purge_probe.files LIMIT 1").first().getString(0));
        assertThat(files.purgeDeletedRows("ops.purge_probe")).as("the file with the deleted row").isEqualTo(1);
        assertThat(files.rewriteManifests("ops.purge_probe")).as("the rewrite listed the replaced file").isPositive();
        assertThat(files.expireSnapshots("ops.purge_probe", Instant.now().plusMillis(1))).isPositive();
        assertThat(count("SELECT count(*) FROM ops.purge_probe.snapshots")).isEqualTo(1);
        assertThat(count("SELECT sum(record_count) FROM ops.purge_probe.data_files")).as("row 2 is in no live data file").isEqualTo(2);
        assertThat(files.expireSnapshots("ops.purge_probe", Instant.now())).as("one snapshot left").isZero();
        assertThat(files.removeOrphans("ops.purge_probe", Instant.now())).as("every file is named by the metadata").isZero();

        Path strayData = old(dataFolder.resolve("00000-killed-writer.parquet"));
        Path strayManifest = old(folderOf(table().currentSnapshot().manifestListLocation()).resolve("never-committed-m0.avro"));
        assertThat(files.removeOrphans("ops.purge_probe", Instant.now())).isEqualTo(2);
        assertThat(strayData).doesNotExist();
        assertThat(strayManifest).doesNotExist();
        assertThat(spark.sql("SELECT id FROM ops.purge_probe ORDER BY id").collectAsList()).extracting(r -> r.getInt(0)).containsExactly(1, 3);
    }

    private static Path old(Path file) throws IOException {
        Files.writeString(file, "written but never committed");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }

    private static Table table() {
        Table t = LakeSession.icebergTable(spark, "ops.purge_probe");
        t.refresh();
        return t;
    }

    private static long snapshotId() {
        return table().currentSnapshot().snapshotId();
    }

    private static long count(String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    private static Path folderOf(String location) {
        return Path.of(URI.create(location.startsWith("file:") ? location : "file://" + location)).getParent();
    }
}
