package io.c360.lake;

import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.lake.raw.RawBatch;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The workshop files and hand-made API/JDBC batches through raw → stage, in one workspace. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageModelsTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static RawFixtures raw;
    static ModelRunner runner;
    static ModelProject stage = ModelProject.fromClasspath("stage");
    static RawBatch retailBatch;
    static final List<String> REPROCESSED = List.of("stg_crm__customers", "stg_retail__orders", "stg_core__transactions", "stg_web__hits");

    @BeforeAll
    static void start() {
        var config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        raw = new RawFixtures(workspace);
        // several models at once, as transform runs them by default
        runner = new ModelRunner(spark, SourceDefinitions.from(config), raw.zone, Progress.silent(), built -> { }, 3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @Order(1)
    void everyWorkshopFileArrivesInStageAndDefectsAreQuarantinedWithAReason() {
        raw.landWorkshop();
        retailBatch = raw.zone.batches("retail", "orders").get(0);
        raw.landCrmPage(
                RawFixtures.crmCustomer(9001, " maria ", "Maria.Silva@Example.COM ", "(11) 98765-4321", "529.982.247-25", "2026-11-20T10:00:00.000Z", ""),
                RawFixtures.crmCustomer(9002, "joão", "not-an-email", "12345", "111.444.777-00", "2026-11-20T10:00:01.000Z", ""),
                RawFixtures.crmCustomer(9001, "Maria", "old@example.com", "", "", "2026-11-19T10:00:00.000Z", ""),
                "{\"client_id\": \"abc\", \"updated_at\": \"2026-11-20T10:00:00.000Z\"}",
                "{this is not json");
        raw.landTransactions(spark, "(1L, 1L, '2024-01-02', 'credit', 'CCK', 100.50, 100.50, 'salary', timestamp'2026-11-20 10:00:00'),"
                + "(2L, 1L, '2024-01-03', 'debit', 'WCA', 20.00, 80.50, null, timestamp'2026-11-20 10:00:00'),"
                + "(3L, 1L, '2024-01-04', 'refund', 'XXX', 5.00, 85.50, null, timestamp'2026-11-20 10:00:00')");
        // a later extract whose amounts are text: that column is read as text from both batches
        raw.landTransactions(spark, "(4L, 2L, '2024-01-05', 'debit', 'WCA', '12.50', '70.00', 'rent', timestamp'2026-11-21 10:00:00'),"
                + "(5L, 2L, '2024-01-06', 'debit', 'WCA', '12,50', '57.50', null, timestamp'2026-11-21 10:00:00')");

        List<ModelRun> runs = runner.run(stage, RunOptions.incremental());

        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("done"));
        assertThat(counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "stg_accounts__accounts", 1999L, "stg_cards__cards", 3000L, "stg_dispositions__dispositions", 200L,
                "stg_web__visitor_map", 201L, "stg_retail__orders", 2288L, "stg_crm__customers", 502L,
                "stg_core__transactions", 3L, "stg_web__sessions", 40L, "stg_web__hits", 40L));
        assertThat(quarantinedPerModel()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "stage.stg_retail__orders", 212L, "stage.stg_crm__customers", 2L, "stage.stg_core__transactions", 2L));
        Row month50 = spark.sql("SELECT reason, source_file, raw_line, raw_record, batch_id FROM stage.quarantine "
                + "WHERE model = 'stage.stg_retail__orders' AND raw_line = 5").first();
        assertThat(month50.getString(0)).isEqualTo("Order_Date: '50/11/2021' is not a date M/D/YYYY");
        assertThat(month50.getString(1)).isEqualTo("Retail-SaaS-Sales-head2500.csv");
        assertThat(month50.getString(3)).startsWith("4,EMEA-2021-108966,50/11/2021,");
        assertThat(month50.getString(4)).isEqualTo(retailBatch.id());
        assertThat(reasons("stage.stg_crm__customers")).containsExactlyInAnyOrder(
                "client_id: 'abc' is not an integer", "line is not a JSON object");
        assertThat(reasons("stage.stg_core__transactions")).containsExactlyInAnyOrder(
                "type: 'refund' is not credit or debit; operation: 'XXX' is not one of CCW, CCK, CAB, WCA, RAB",
                "amount: '12,50' is not a number");
        Row badAmount = spark.sql("SELECT source_file, raw_record FROM stage.quarantine "
                + "WHERE model = 'stage.stg_core__transactions' AND reason LIKE 'amount%'").first();
        assertThat(badAmount.getString(0)).endsWith(".parquet");
        assertThat(badAmount.getString(1)).startsWith("{\"trans_id\":5,\"account_id\":2,").contains("\"amount\":\"12,50\"");
        assertThat(spark.sql("SELECT amount FROM stage.stg_core__transactions WHERE trans_id IN (1, 4) ORDER BY trans_id")
                .collectAsList().stream().map(r -> r.getDecimal(0).toPlainString()).toList()).containsExactly("100.50", "12.50");
    }

    @Test
    @Order(2)
    void valuesAreConformedAndTheLatestVersionOfAKeyWins() {
        Row maria = spark.sql("SELECT first_name, last_name, email, email_valid, phone, national_id, national_id_valid, "
                + "home_ownership, home_ownership_code, marital_status, head_of_household, address_postal_code, _source_file "
                + "FROM stage.stg_crm__customers WHERE client_id = 9001").first();
        assertThat(maria.getString(0)).isEqualTo("Maria");
        assertThat(maria.getString(1)).isEqualTo("Da Silva");
        assertThat(maria.getString(2)).isEqualTo("maria.silva@example.com");
        assertThat(maria.getBoolean(3)).isTrue();
        assertThat(maria.getString(4)).isEqualTo("+5511987654321");
        assertThat(maria.getString(5)).isEqualTo("52998224725");
        assertThat(maria.getBoolean(6)).isTrue();
        assertThat(maria.getString(7)).isEqualTo("owner");
        assertThat(maria.getString(8)).isEqualTo("O");
        assertThat(maria.getString(9)).isEqualTo("married");
        assertThat(maria.getBoolean(10)).isTrue();
        assertThat(maria.getString(11)).isEqualTo("01310100");
        assertThat(maria.getString(12)).isEqualTo("page-0001.ndjson");
        Row joao = spark.sql("SELECT first_name, email_valid, phone, phone_raw, national_id_valid FROM stage.stg_crm__customers WHERE client_id = 9002").first();
        assertThat(joao.getString(0)).isEqualTo("João");
        assertThat(joao.getBoolean(1)).isFalse();
        assertThat(joao.isNullAt(2)).isTrue();
        assertThat(joao.getString(3)).isEqualTo("12345");
        assertThat(joao.getBoolean(4)).isFalse();
        Row workshop = spark.sql("SELECT birth_date, home_ownership, client_created_at FROM stage.stg_crm__customers WHERE client_id = 5000").first();
        assertThat(workshop.get(0).toString()).isEqualTo("1999-11-11");
        assertThat(workshop.getString(1)).isEqualTo("unknown");
        assertThat(workshop.get(2).toString()).startsWith("2023-07-20 06:40:13.494626");
        assertThat(spark.sql("SELECT frequency FROM stage.stg_accounts__accounts WHERE account_id = 1").first().getString(0)).isEqualTo("weekly");
        assertThat(spark.sql("SELECT operation FROM stage.stg_core__transactions WHERE trans_id = 1").first().getString(0)).isEqualTo("credit in cash");
        assertThat(spark.sql("SELECT count(*) FROM stage.stg_web__hits h JOIN stage.stg_web__sessions s USING (session_id) "
                + "WHERE h.page_path IS NOT NULL").first().getLong(0)).isEqualTo(40);
    }

    @Test
    @Order(3)
    void reRunningChangesNothing() {
        Map<String, List<Row>> before = snapshotContents();
        long quarantined = spark.sql("SELECT count(*) FROM stage.quarantine WHERE status = 'open'").first().getLong(0);

        List<ModelRun> incremental = runner.run(stage, RunOptions.incremental());
        assertThat(incremental).allSatisfy(r -> assertThat(r.status()).isEqualTo("up to date"));

        // reading every batch again is slow on this shared machine: the models that de-duplicate,
        // quarantine and read Parquet / Python-dict JSON / GA JSON stand for the rest
        List<ModelRun> reprocess = runner.run(stage.select(REPROCESSED), new RunOptions(false, true));
        assertThat(reprocess).allSatisfy(r -> assertThat(r.status()).isEqualTo("done"));
        assertThat(snapshotContents()).isEqualTo(before);
        assertThat(spark.sql("SELECT count(*) FROM stage.quarantine WHERE status = 'open'").first().getLong(0)).isEqualTo(quarantined);
    }

    @Test
    @Order(4)
    void anIncrementalRunReadsOnlyNewBatchesAndANewSourceFieldBecomesAColumn() {
        RawBatch page = raw.landCrmPage(
                RawFixtures.crmCustomer(9001, "Maria", "maria@novo.com.br", "+55 11 98765-4321", "529.982.247-25", "2026-11-21T10:00:00.000Z", ", \"loyalty_tier\": \"gold\""),
                RawFixtures.crmCustomer(9002, "Joana", "x@y.com", "", "", "2026-11-01T10:00:00.000Z", ", \"loyalty_tier\": \"silver\""),
                RawFixtures.crmCustomer(9003, "Ana", "ana@example.com", "", "", "2026-11-21T10:00:00.000Z", ", \"loyalty_tier\": \"bronze\""));

        List<ModelRun> runs = runner.run(stage, RunOptions.incremental());

        Map<String, ModelRun> byTable = runs.stream().collect(Collectors.toMap(ModelRun::table, r -> r));
        assertThat(byTable.get("stage.stg_crm__customers").batches()).containsExactly(page.id());
        assertThat(byTable.get("stage.stg_crm__customers").rowsIn()).isEqualTo(3);
        assertThat(runs).filteredOn(r -> !r.table().equals("stage.stg_crm__customers"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("up to date"));
        assertThat(spark.table("stage.stg_crm__customers").columns()).contains("loyalty_tier");
        assertThat(spark.sql("SELECT client_id, email, loyalty_tier FROM stage.stg_crm__customers WHERE client_id >= 9001 ORDER BY client_id")
                .collectAsList().stream().map(Row::toString).toList())
                .containsExactly("[9001,maria@novo.com.br,gold]", "[9002,not-an-email,null]", "[9003,ana@example.com,bronze]");
        assertThat(spark.sql("SELECT count(*) FROM stage.stg_crm__customers WHERE loyalty_tier IS NULL").first().getLong(0)).isEqualTo(501);
        assertThat(spark.sql("SELECT status FROM ops.dq_results WHERE test = 'schema_drift(loyalty_tier added)'").first().getString(0)).isEqualTo("warn");
    }

    @Test
    @Order(5)
    void aNewBatchHoldingAKeyTwiceMergesItsLatestVersion() {
        raw.landCrmPage(
                RawFixtures.crmCustomer(9005, "Newer", "b@c.com", "", "", "2026-11-23T10:00:00.000Z", ""),
                RawFixtures.crmCustomer(9005, "Older", "b@c.com", "", "", "2026-11-22T10:00:00.000Z", ""),
                RawFixtures.crmCustomer(5000, "Corrected", "d@e.com", "", "", "2030-01-01T10:00:00.000Z", ""),
                RawFixtures.crmCustomer(5000, "Stale", "d@e.com", "", "", "2030-01-01T09:00:00.000Z", ""));

        runner.run(stage, RunOptions.incremental());

        assertThat(spark.sql("SELECT client_id, first_name FROM stage.stg_crm__customers WHERE client_id IN (5000, 9005) ORDER BY client_id")
                .collectAsList().stream().map(Row::toString).toList()).containsExactly("[5000,Corrected]", "[9005,Newer]");
    }

    @Test
    @Order(6)
    void aRemovedSourceFieldKeepsItsColumnWithNullsAndWarns() {
        raw.landCrmPage("{\"client_id\": 9004, \"first_name\": \"Bia\", \"updated_at\": \"2026-11-22T10:00:00.000Z\"}");

        runner.run(stage, RunOptions.incremental());

        assertThat(spark.sql("SELECT occupation, first_name FROM stage.stg_crm__customers WHERE client_id = 9004").first().toString())
                .isEqualTo("[null,Bia]");
        assertThat(spark.sql("SELECT count(*) FROM ops.dq_results WHERE test = 'schema_drift(occupation missing)' AND status = 'warn'")
                .first().getLong(0)).isEqualTo(1);
    }

    @Test
    @Order(7)
    void replayingQuarantineAfterTheRawWasFixedBringsTheRowsIn() throws IOException {
        Path file = Path.of(retailBatch.files().get(0).toUri());
        Files.writeString(file, Files.readString(file).replace(",50/", ",10/"));

        List<ModelRun> runs = runner.run(stage, new RunOptions(true, false));

        assertThat(runs.stream().filter(r -> r.table().equals("stage.stg_retail__orders")).findFirst().orElseThrow().quarantined()).isZero();
        assertThat(spark.table("stage.stg_retail__orders").count()).isEqualTo(2500);
        assertThat(spark.sql("SELECT order_date FROM stage.stg_retail__orders WHERE row_id = 4").first().get(0).toString()).isEqualTo("2021-10-11");
        assertThat(spark.sql("SELECT count(*) FROM stage.quarantine WHERE model = 'stage.stg_retail__orders' AND status = 'open'")
                .first().getLong(0)).isZero();
        assertThat(spark.sql("SELECT count(*) FROM stage.quarantine WHERE model = 'stage.stg_retail__orders' AND status = 'replayed'")
                .first().getLong(0)).isEqualTo(212);
        assertThat(reasons("stage.stg_crm__customers")).hasSize(2);
    }

    @Test
    @Order(8)
    void aModelBuiltFromOtherModelsIsRebuiltWholeOnEveryRun() throws Exception {
        Path folder = Path.of(StageModelsTest.class.getClassLoader().getResource("analytics-models/analytics").toURI());
        ModelProject analytics = ModelProject.fromFolder("analytics", folder);

        runner.run(analytics, RunOptions.incremental());
        List<ModelRun> again = runner.run(analytics, RunOptions.incremental());

        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("done");
            assertThat(r.rowsOut()).isEqualTo(164);
            assertThat(r.quarantined()).isEqualTo(1);
        });
        assertThat(spark.table("analytics.client_accounts").count()).isEqualTo(164);
        assertThat(spark.sql("SELECT sum(accounts) FROM analytics.client_accounts").first().getLong(0)).isEqualTo(200);
        assertThat(reasons("analytics.client_accounts")).containsExactly("business key (client_id) is null", "business key (client_id) is null");
    }

    private static Map<String, Long> counts() {
        return stage.models().stream().collect(Collectors.toMap(m -> m.name(), m -> spark.table(m.table()).count()));
    }

    private static Map<String, Long> quarantinedPerModel() {
        return spark.sql("SELECT model, count(*) FROM stage.quarantine WHERE status = 'open' GROUP BY model").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    }

    private static List<String> reasons(String model) {
        return spark.sql("SELECT reason FROM stage.quarantine WHERE status = 'open' AND model = '" + model + "'")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private static Map<String, List<Row>> snapshotContents() {
        return stage.select(REPROCESSED).models().stream().collect(Collectors.toMap(m -> m.name(), m -> {
            Dataset<Row> t = spark.table(m.table());
            return t.orderBy(t.columns()[0], t.columns()[1]).collectAsList();
        }));
    }
}
