package io.c360.lifecycle.erasure;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** After an erasure, the person's names that other people's records still carry are known (namesakes are not leftovers). */
class SubjectResolverTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void openLake() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void namesCarriedByRemainingCrmOrRetailRecordsAreReportedWhateverTheirCase() {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS stage");
        spark.sql("CREATE TABLE stage.stg_crm__customers (client_id BIGINT, first_name STRING, last_name STRING) USING iceberg");
        spark.sql("INSERT INTO stage.stg_crm__customers VALUES (7, 'ANA', 'Souza'), (8, 'Carla', 'Dias')");
        spark.sql("CREATE TABLE stage.stg_retail__orders (row_id STRING, contact_name STRING) USING iceberg");
        spark.sql("INSERT INTO stage.stg_retail__orders VALUES ('r1', 'bruno lima'), ('r2', 'Edu Reis')");

        ErasureSubject erased = new ErasureSubject();
        erased.addIdentifier("name", "Ana Souza");
        erased.addIdentifier("name", "Bruno Lima");
        erased.addIdentifier("name", "Joana Prado");

        assertThat(new SubjectResolver(spark).namesCarriedByOthers(erased)).containsExactlyInAnyOrder("ana souza", "bruno lima");
    }
}
