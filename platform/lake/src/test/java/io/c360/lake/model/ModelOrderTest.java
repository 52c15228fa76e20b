package io.c360.lake.model;

import io.c360.lake.LakeSession;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A model whose relationships test reads another model is built without waiting for that model,
 * and tested after it: here {@code keys} (which reads nothing) is built before {@code customers}
 * (which waits for {@code people}), on one thread, and its test still sees every customer.
 */
class ModelOrderTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static List<ModelRun> runs;

    @BeforeAll
    static void run() throws IOException {
        C360Config config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        Path models = Files.createDirectories(workspace.resolve("models/analytics"));
        model(models, "people", "SELECT id FROM VALUES (1), (2), (3) AS t(id)", "{name: id, type: int, description: A person.}");
        model(models, "customers", "SELECT id FROM {{ ref('people') }}", "{name: id, type: int, description: A customer.}");
        model(models, "keys", "SELECT id FROM VALUES (1), (3), (4) AS t(id)",
                "{name: id, type: int, description: A key's customer., tests: [{relationships: {to: customers, field: id}}]}");
        runs = new ModelRunner(spark, SourceDefinitions.from(config), RawZone.of(config, spark), Progress.silent())
                .run(ModelProject.fromFolder("analytics", models), RunOptions.incremental());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theTestedModelIsBuiltFirstAndTestedAfterTheModelItsTestReads() {
        assertThat(committedAt("analytics.keys")).isLessThan(committedAt("analytics.customers"));
        Row result = spark.sql("SELECT status, failing_rows, sample_keys FROM ops.dq_results WHERE model = 'analytics.keys'").first();
        assertThat(result.getString(0)).isEqualTo("fail");
        assertThat(result.getLong(1)).as("only key 4 has no customer").isEqualTo(1);
        assertThat(result.getString(2)).isEqualTo("4");
        assertThat(runs).extracting(ModelRun::table, ModelRun::status).containsExactlyInAnyOrder(
                tuple("analytics.people", "done"), tuple("analytics.customers", "done"), tuple("analytics.keys", "failed"));
    }

    private static long committedAt(String table) {
        return spark.sql("SELECT min(unix_micros(committed_at)) FROM " + table + ".snapshots").first().getLong(0);
    }

    private static void model(Path folder, String name, String sql, String column) throws IOException {
        Files.writeString(folder.resolve(name + ".sql"), sql + "\n");
        Files.writeString(folder.resolve(name + ".yml"), "description: A probe of the build order.\nunique_key: [id]\ncolumns:\n  - " + column + "\n");
    }
}
