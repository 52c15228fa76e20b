package io.c360.lake;

import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test type catches the violation seeded for it; error severity fails the model, warn only reports. */
class DataQualityTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static List<ModelRun> runs;

    @BeforeAll
    static void runProbe() throws URISyntaxException {
        var config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        RawFixtures raw = new RawFixtures(workspace);
        raw.landText("accounts", "accounts", "file", "delimited", "account.csv",
                "1,10,MI,2023-01-01T00:00:00\r\n2,10,WI,2023-01-01T00:00:00\r\n3,,XX,2023-01-01T00:00:00\r\n");
        Path models = Path.of(DataQualityTest.class.getClassLoader().getResource("dq-models/stage").toURI());
        runs = new ModelRunner(spark, SourceDefinitions.from(config), raw.zone, Progress.silent())
                .run(ModelProject.fromFolder("stage", models), RunOptions.incremental());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void eachTestTypeReportsItsSeededViolationWithSampleKeys() {
        Map<String, String> results = spark.sql("SELECT test, concat_ws(' ', status, failing_rows, sample_keys) FROM ops.dq_results")
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0) + (r.getString(1).startsWith("warn") ? "/warn" : ""),
                        r -> r.getString(1), (a, b) -> a + " | " + b));
        assertThat(results).containsEntry("not_null(account_id)", "pass 0 ")
                .containsEntry("unique(account_id)", "pass 0 ")
                .containsEntry("expression(account_id)", "fail 1 3")
                .containsEntry("not_null(branch_id)", "fail 1 3")
                .containsEntry("unique(branch_id)", "fail 2 1,2")
                .containsEntry("relationships(branch_id)", "fail 2 1,2")
                .containsEntry("row_count_between", "fail 3 ")
                .containsKey("accepted_values(frequency_code)/warn");
        assertThat(results.get("accepted_values(frequency_code)")).isEqualTo("fail 1 3");
        assertThat(results.get("accepted_values(frequency_code)/warn")).isEqualTo("warn 2 2,3");
        assertThat(results.get("freshness")).contains("fail 1").contains("pass 0");
    }

    @Test
    void anErrorSeverityFailureFailsTheModelButItsRowsAreStored() {
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.failedTests()).hasSize(8);
        });
        assertThat(spark.table("stage.stg_dq__accounts").count()).isEqualTo(3);
        Row message = spark.sql("SELECT message FROM ops.dq_results WHERE test = 'row_count_between'").first();
        assertThat(message.getString(0)).isEqualTo("3 rows, expected between 1 and 2");
    }

    @Test
    void aRelationshipToATableNotBuiltYetFailsWithAMessageInsteadOfStoppingTheRun() {
        Row r = spark.sql("SELECT status, message FROM ops.dq_results WHERE test = 'relationships(account_id)'").first();
        assertThat(r.getString(0)).isEqualTo("fail");
        assertThat(r.getString(1)).contains("stage.stg_dq__branches does not exist");
    }
}
