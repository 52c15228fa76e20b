package io.c360.lake;

import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an incremental run the tests look at the rows the run merged (an old violation is not
 * reported again), a unique column's new values are checked against the whole table, and
 * row_count_between counts the whole table.
 */
class IncrementalDataQualityTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void runTwice() throws URISyntaxException {
        var config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        RawFixtures raw = new RawFixtures(workspace);
        ModelProject project = ModelProject.fromFolder("stage",
                Path.of(IncrementalDataQualityTest.class.getClassLoader().getResource("dq-models/stage").toURI()));
        ModelRunner runner = new ModelRunner(spark, SourceDefinitions.from(config), raw.zone, Progress.silent());
        raw.landText("accounts", "accounts", "file", "delimited", "account.csv",
                "1,10,MI,2023-01-01T00:00:00\r\n2,10,WI,2023-01-01T00:00:00\r\n3,,XX,2023-01-01T00:00:00\r\n");
        runner.run(project, RunOptions.incremental());
        raw.landText("accounts", "accounts", "file", "delimited", "account-2.csv",
                "4,1,MI,2023-01-01T00:00:00\r\n5,10,MI,2023-01-01T00:00:00\r\n");
        runner.run(project, RunOptions.incremental());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theSecondRunTestsItsOwnRowsAndTheirUniquenessAgainstTheWholeTable() {
        Map<String, String> results = spark.sql("SELECT test, concat_ws(' ', status, failing_rows, sample_keys) FROM ops.dq_results "
                        + "WHERE severity = 'error' AND test <> 'freshness' AND run_id = (SELECT max(run_id) FROM ops.dq_results)")
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
        assertThat(results)
                .as("row 3's null branch and XX frequency were reported by the first run")
                .containsEntry("not_null(branch_id)", "pass 0 ")
                .containsEntry("accepted_values(frequency_code)", "pass 0 ")
                .containsEntry("expression(account_id)", "fail 2 4,5")
                .containsEntry("relationships(branch_id)", "fail 1 5")
                .as("branch 10 of the new row 5 is also on the old rows 1 and 2")
                .containsEntry("unique(branch_id)", "fail 3 1,2,5")
                .containsEntry("unique(account_id)", "pass 0 ");
        assertThat(spark.sql("SELECT message FROM ops.dq_results WHERE test = 'row_count_between' ORDER BY run_id DESC").first().getString(0))
                .isEqualTo("5 rows, expected between 1 and 2");
    }
}
