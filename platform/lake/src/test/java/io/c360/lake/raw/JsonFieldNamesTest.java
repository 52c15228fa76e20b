package io.c360.lake.raw;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFieldNamesTest {

    @Test
    void readsOnlyTopLevelNamesOfStrictAndSingleQuotedLines() {
        Set<String> names = new LinkedHashSet<>();
        JsonFieldNames.topLevelNames("{\"visitId\": \"1\", \"totals\": {\"hits\": 3}, \"hits\": [{\"page\": {\"pagePath\": \"/\"}}]}", names);
        JsonFieldNames.topLevelNames("{'client_id': 7, 'address': {'city': 'Recife'}, 'tags': ['a', 'b'], 'ok': null}", names);

        assertThat(names).containsExactly("visitId", "totals", "hits", "client_id", "address", "tags", "ok");
    }

    @Test
    void aLineThatIsNotAnObjectAddsNothingAndABrokenOneOnlyWhatPrecedesTheError() {
        Set<String> names = new LinkedHashSet<>();
        JsonFieldNames.topLevelNames("[1, 2]", names);
        JsonFieldNames.topLevelNames("not json", names);
        JsonFieldNames.topLevelNames("{\"a\": 1, \"b\": {\"c\": ", names);

        assertThat(names).containsExactly("a", "b");
    }

    /** Batches whose manifest lists no field names (landed by earlier versions) have them read by Spark. */
    @Test
    void theNamesOfABatchWithoutThemInItsManifestAreReadBySpark(@TempDir Path workspace) {
        SparkSession spark = LakeSession.open(TestWorkspace.config(workspace));
        try {
            List<String> lines = List.of("{\"b\": 1, \"a\": {\"x\": 2}}", "not json", "{'c': [1], 'a': null}");

            assertThat(JsonFieldNames.of(spark.createDataset(lines, Encoders.STRING()))).containsExactly("a", "b", "c");
        } finally {
            spark.stop();
        }
    }
}
