package io.c360.lifecycle.maintenance;

import io.c360.lake.LakeSession;
import io.c360.lake.ops.QuarantineTable;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention deletes only what is older than each zone's limit; compaction, snapshot expiry and orphan removal keep the data. */
class MaintenanceTest {

    @TempDir
    static Path workspace;
    static C360Config config;
    static SparkSession spark;

    @BeforeAll
    static void openLake() {
        config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void retentionDeletesOnlyWhatIsOlderThanTheLimitAndMaintenanceKeepsEveryRow() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path oldBatch = batch(today.minusDays(500), "20250101T000000000Z-accounts-accounts-aaaa");
        Path recentBatch = batch(today.minusDays(10), "20261101T000000000Z-accounts-accounts-bbbb");
        Path oldQuarantine = quarantined(today.minusDays(401));
        Path recentQuarantine = quarantined(today.minusDays(399));
        new QuarantineTable(spark);
        spark.sql("INSERT INTO " + QuarantineTable.TABLE + " VALUES "
                + "('r1', 'm', 'b1', 'f', 1, 'bad', 'x', current_timestamp() - INTERVAL 500 DAYS, 'open'), "
                + "('r2', 'm', 'b2', 'f', 1, 'bad', 'y', current_timestamp() - INTERVAL 10 DAYS, 'open')");
        spark.sql("CREATE TABLE ops.maintenance_probe (id INT, name STRING) USING iceberg");
        for (int i = 1; i <= 3; i++) {
            spark.sql("INSERT INTO ops.maintenance_probe VALUES (" + i + ", 'n" + i + "')");
        }
        Path stray = dataFolder("ops.maintenance_probe").resolve("00000-stray-never-committed.parquet");
        Files.writeString(stray, "left by a killed writer");

        RetentionPolicy policy = new RetentionPolicy(400, 400, 7);
        MaintenanceReport now = new Maintenance(config, spark, Progress.silent()).run(policy, Instant.now());

        assertThat(oldBatch).doesNotExist();
        assertThat(recentBatch.resolve("_manifest.json")).exists();
        assertThat(oldQuarantine).doesNotExist();
        assertThat(recentQuarantine).exists();
        assertThat(now.rawBatchesDeleted()).isEqualTo(1);
        assertThat(spark.sql("SELECT run_id FROM " + QuarantineTable.TABLE).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("r2");
        assertThat(now.dataFilesCompacted()).as("three small files merged").isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT count(*) FROM ops.maintenance_probe.files")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ops.maintenance_probe.snapshots")).as("no snapshot is older than 7 days yet")
                .isGreaterThanOrEqualTo(4);
        assertThat(stray).doesNotExist();

        MaintenanceReport later = new Maintenance(config, spark, Progress.silent()).run(policy, Instant.now().plus(Duration.ofDays(8)));

        assertThat(later.snapshotsExpired()).isPositive();
        assertThat(count("SELECT count(*) FROM ops.maintenance_probe.snapshots")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ops.maintenance_probe")).isEqualTo(3);
        assertThat(recentBatch.resolve("_manifest.json")).as("18 days old, limit 400").exists();
    }

    private static long count(String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    private static Path batch(LocalDate date, String id) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("raw/accounts/accounts/ingest_date=" + date + "/batch=" + id));
        Files.writeString(dir.resolve("account.csv"), "1,10,MI,2023-01-01T00:00:00\n");
        Files.writeString(dir.resolve("_manifest.json"), "{\"batch_id\": \"" + id + "\"}");
        return dir;
    }

    private static Path quarantined(LocalDate date) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("quarantine/accounts/" + date));
        Files.writeString(dir.resolve("bad.csv"), "garbage");
        return dir;
    }

    private static Path dataFolder(String table) {
        String file = spark.sql("SELECT file_path FROM " + table + ".files LIMIT 1").first().getString(0);
        return Path.of(URI.create(file.startsWith("file:") ? file : "file://" + file)).getParent();
    }
}
