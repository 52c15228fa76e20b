package io.c360.lake.model;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MergedBatchesTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theBatchesMergedSinceASnapshotAreReadFromTheLaterSnapshotsSummaries() {
        spark.sql("CREATE TABLE stage.merged_batches (id INT, _batch_id STRING) USING iceberg");
        insert("b1", 1);
        long first = snapshot("stage.merged_batches");
        insert("b2", 2);
        insert("b3", 3);
        spark.sql("CALL " + LakeSession.CATALOG + ".system.rewrite_data_files(table => 'stage.merged_batches', "
                + "options => map('min-input-files', '2'))");

        Table table = LakeSession.icebergTable(spark, "stage.merged_batches");
        assertThat(table.currentSnapshot().operation()).as("the compaction is the current snapshot").isEqualTo("replace");
        assertThat(MergedBatches.addedSince(table, first)).contains(Set.of("b2", "b3"));
        assertThat(MergedBatches.addedSince(table, table.currentSnapshot().snapshotId())).contains(Set.of());
        assertThat(MergedBatches.addedSince(table, -42)).as("not an ancestor").isEmpty();
    }

    @Test
    void aWriteThatDoesNotSayWhichBatchesItMergedLeavesTheAnswerToTheRows() {
        spark.sql("CREATE TABLE stage.unrecorded_batches (id INT, _batch_id STRING) USING iceberg");
        spark.sql("INSERT INTO stage.unrecorded_batches VALUES (1, 'b1')");
        long first = snapshot("stage.unrecorded_batches");
        spark.sql("INSERT INTO stage.unrecorded_batches VALUES (2, 'b2')");

        assertThat(MergedBatches.addedSince(LakeSession.icebergTable(spark, "stage.unrecorded_batches"), first)).isEqualTo(Optional.empty());
    }

    private static void insert(String batch, int id) {
        MergedBatches.writing(List.of(batch), () -> spark.sql("INSERT INTO stage.merged_batches VALUES (" + id + ", '" + batch + "')"));
    }

    private static long snapshot(String table) {
        return LakeSession.icebergTable(spark, table).currentSnapshot().snapshotId();
    }
}
