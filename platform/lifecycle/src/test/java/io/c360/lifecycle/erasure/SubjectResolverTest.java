package io.c360.lifecycle.erasure;

import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** After an erasure, the person's names that other people's records still carry are known (namesakes are not leftovers). */
class SubjectResolverTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void openLake() {
        C360Config config = ConfigLoader.withEnvironment(Map.of())
                .flag("workspace", workspace.toString())
                .flag("spark.master", "local[2]")
                .flag("spark.conf.spark.sql.shuffle.partitions", "4")
                .load();
        spark = LakeSession.open(config);
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
