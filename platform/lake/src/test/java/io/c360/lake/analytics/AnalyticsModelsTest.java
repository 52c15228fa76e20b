package io.c360.lake.analytics;

import io.c360.lake.LakeSession;
import io.c360.lake.model.Model;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics models on hand-made stage tables ({@link AnalyticsStageFixture}); every expected
 * figure is worked out by hand from those records. Several tests guard a defect of the reference
 * design, named in the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsModelsTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static ModelRunner runner;
    static final ModelProject ANALYTICS = ModelProject.fromClasspath("analytics");
    static List<ModelRun> runs;
    static Map<String, Row> c360;

    @BeforeAll
    static void buildAnalytics() {
        C360Config config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        runner = new ModelRunner(spark, SourceDefinitions.from(config), RawZone.of(config, spark), Progress.console(false));
        AnalyticsStageFixture.create(spark);
        runs = run(AnalyticsStageFixture.AS_OF);
        c360 = customer360();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<ModelRun> run(String asOf) {
        return runner.run(ANALYTICS, RunOptions.incremental().withVars(Map.of("as_of", asOf)));
    }

    static Map<String, Row> customer360() {
        return spark.table("analytics.customer_360").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("customer_id"), r -> r));
    }

    @Test
    @Order(1)
    void everyModelIsBuiltAndPassesItsTests() {
        assertThat(runs).extracting(ModelRun::table).containsExactly("analytics.fct_orders", "analytics.fct_transactions",
                "analytics.fct_web_sessions", "analytics.customer_rfm", "analytics.fct_web_hits", "analytics.customer_360",
                "analytics.customer_lookup_keys");
        assertThat(runs).allSatisfy(r -> assertThat(r.status()).as(r.table() + " " + r.failedTests()).isEqualTo("done"));
        assertThat(spark.sql("SELECT count(*) FROM ops.dq_results WHERE model LIKE 'analytics.%' AND status = 'fail'").first().getLong(0))
                .isZero();
    }

    /** Reference defect: customers without a disposition were dropped from the 360 table. */
    @Test
    @Order(2)
    void everyResolvedCustomerIsInCustomer360WithNullsWhereASourceHasNothing() {
        assertThat(c360.keySet()).containsExactlyInAnyOrder("C1", "C2", "C3", "C4", "C5");
        Row noTransactions = c360.get("C2");
        assertThat((String) noTransactions.getAs("full_name")).isEqualTo("Bruno Lima");
        for (String metric : List.of("accounts_held", "products_held", "credit_count_3m", "debit_count_12m", "balance_current",
                "overdraft_days_12m", "order_count", "revenue", "sessions", "pageviews", "card_types", "branch_ids", "income_band")) {
            assertThat((Object) noTransactions.getAs(metric)).as(metric).isNull();
        }
        assertThat((Integer) noTransactions.getAs("age")).isEqualTo(24);
        assertThat((String) noTransactions.getAs("life_stage")).isEqualTo("young adult");
        assertThat((Date) noTransactions.getAs("first_relationship_date")).isEqualTo(Date.valueOf("2023-02-01"));
        Row webOnly = c360.get("C3");
        assertThat((Object) webOnly.getAs("full_name")).isNull();
        assertThat((Object) webOnly.getAs("age")).isNull();
        assertThat((Object) webOnly.getAs("region")).isNull();
    }

    /** Reference defect: debit counts were copied from credit counts. Windows are (as_of - N months, as_of]. */
    @Test
    @Order(3)
    void creditAndDebitAreCountedSeparatelyInEachWindowWithBoundaries() {
        Row c1 = c360.get("C1");
        assertThat(longs(c1, "credit_count_3m", "debit_count_3m", "credit_count_6m", "debit_count_6m", "credit_count_12m", "debit_count_12m"))
                .containsExactly(2L, 3L, 3L, 3L, 3L, 4L);
        assertThat(decimals(c1, "credit_avg_3m", "debit_avg_3m", "credit_avg_6m", "debit_avg_6m", "credit_avg_12m", "debit_avg_12m"))
                .containsExactly("6250.00", "4166.67", "4333.33", "4166.67", "4333.33", "3137.50");
        assertThat((Long) c1.getAs("transactions_12m")).isEqualTo(7L);
        assertThat((Date) c1.getAs("last_transaction_date")).isEqualTo(Date.valueOf("2024-06-30"));
    }

    /** Reference defects: "last" acquisition that was really the first; one arbitrary account row kept per customer. */
    @Test
    @Order(4)
    void aCustomerWithTwoAccountsHasBothAndTheLastAcquisitionIsTheLatest() {
        Row c1 = c360.get("C1");
        assertThat((Long) c1.getAs("accounts_held")).isEqualTo(2L);
        assertThat((Long) c1.getAs("first_acquired_account_id")).isEqualTo(100L);
        assertThat((Timestamp) c1.getAs("first_acquisition_at")).isEqualTo(Timestamp.valueOf("2020-01-10 09:00:00"));
        assertThat((Long) c1.getAs("last_acquired_account_id")).isEqualTo(200L);
        assertThat((Timestamp) c1.getAs("last_acquisition_at")).isEqualTo(Timestamp.valueOf("2023-05-01 09:00:00"));
        assertThat(c1.<String>getList(c1.fieldIndex("branch_ids"))).containsExactly("7", "9");
        assertThat(c1.<String>getList(c1.fieldIndex("card_types"))).containsExactly("classic", "gold");
        assertThat(longs(c1, "cards_held", "products_held")).containsExactly(2L, 4L);
        assertThat(decimals(c1, "balance_current", "balance_3m_ago", "balance_trend_3m")).containsExactly("720.00", "620.00", "100.00");
        assertThat(longs(c1, "overdraft_days_12m", "large_withdrawals_12m")).containsExactly(11L, 1L);
        assertThat((Boolean) c1.getAs("large_withdrawal_flag")).isTrue();
    }

    @Test
    @Order(5)
    void loyaltyDemographicsAndMarketingFollowTheirDefinitions() {
        Row c1 = c360.get("C1");
        assertThat((Date) c1.getAs("first_relationship_date")).isEqualTo(Date.valueOf("2019-12-01"));
        assertThat(((BigDecimal) c1.getAs("tenure_years")).toPlainString()).isEqualTo("4.6");
        assertThat(longs(c1, "interactions_12m", "sessions_12m")).containsExactly(8L, 1L);
        assertThat((Object) c1.getAs("orders_12m")).isNull();
        assertThat((Integer) c1.getAs("days_since_last_interaction")).isZero();
        assertThat((Integer) c1.getAs("age")).isEqualTo(43);
        assertThat((String) c1.getAs("life_stage")).isEqualTo("family");
        assertThat((String) c1.getAs("income_band")).isEqualTo("upper middle");
        assertThat((String) c1.getAs("region")).isEqualTo("SP");
        assertThat((String) c1.getAs("contactable_channel")).as("preferred e-mail is not consented, SMS is").isEqualTo("sms");
    }

    /** Reference defects: web hits multiplied by joining session totals to hit rows, and by many-to-many visitor maps. */
    @Test
    @Order(6)
    void aCustomerWhoOnlyBrowsesHasEachSessionAndHitOnce() {
        Row c3 = c360.get("C3");
        assertThat(longs(c3, "sessions", "pageviews", "hits")).containsExactly(2L, 5L, 6L);
        assertThat(((BigDecimal) c3.getAs("mobile_share")).doubleValue()).isEqualTo(0.5);
        assertThat(c3.<String>getList(c3.fieldIndex("top_page_paths"))).containsExactly("/home", "/cart", "/shop");
        assertThat(c3.<String>getList(c3.fieldIndex("traffic_sources"))).containsExactly("(direct)", "google");
        assertThat(c3.<String>getList(c3.fieldIndex("campaigns"))).containsExactly("summer");
        assertThat((Timestamp) c3.getAs("last_visit_at")).isEqualTo(Timestamp.valueOf("2024-06-10 12:00:00"));
        assertThat((Object) c3.getAs("order_count")).isNull();
        assertThat((Object) c3.getAs("credit_count_3m")).isNull();

        assertThat(spark.table("analytics.fct_web_hits").count()).as("hits of the sessions up to as-of, once each").isEqualTo(9);
        assertThat(spark.table("analytics.fct_web_sessions").count()).isEqualTo(4);
        long attributedSessions = spark.sql("SELECT count(*) FROM analytics.fct_web_sessions WHERE customer_id IS NOT NULL").first().getLong(0);
        long sessionsIn360 = spark.sql("SELECT sum(sessions) FROM analytics.customer_360").first().getLong(0);
        assertThat(sessionsIn360).as("a visitor mapped to two customers counts its session once").isEqualTo(attributedSessions).isEqualTo(3);
        assertThat(longs(c360.get("C1"), "sessions", "hits")).containsExactly(1L, 2L);
        assertThat((Object) c360.get("C5").getAs("sessions")).isNull();
    }

    @Test
    @Order(7)
    void aCustomerWhoOnlyShopsHasValueAndRfm() {
        Row c4 = c360.get("C4");
        assertThat((Long) c4.getAs("order_count")).isEqualTo(2L);
        assertThat(decimals(c4, "revenue", "revenue_12m", "clv_estimate")).containsExactly("230.00", "150.00", "450.00");
        assertThat((String) c4.getAs("top_product")).isEqualTo("Beacon");
        assertThat((String) c4.getAs("top_industry")).isEqualTo("Retail");
        assertThat((Date) c4.getAs("last_order_date")).isEqualTo(Date.valueOf("2024-05-01"));
        assertThat((Integer) c4.getAs("recency_days")).isEqualTo(60);
        assertThat((String) c4.getAs("rfm_segment")).isEqualTo("555");
        assertThat((Object) c4.getAs("sessions")).isNull();
        assertThat((Object) c4.getAs("accounts_held")).isNull();
        assertThat(spark.sql("SELECT count(*) FROM analytics.fct_orders WHERE customer_id IS NULL").first().getLong(0))
                .as("an order line identity did not resolve stays in the fact, without customer").isEqualTo(1);
    }

    @Test
    @Order(8)
    void lookupKeysHoldEverySourceKeyAndContactOfTheCustomer() {
        Map<String, List<String>> keys = spark.sql("SELECT customer_id, kind, key FROM analytics.customer_lookup_keys").collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.mapping(r -> r.getString(1) + ":" + r.getString(2), Collectors.toList())));
        assertThat(keys.get("C1")).containsExactlyInAnyOrder("crm:1", "dispositions:1", "web:V5", "email:ana@example.com",
                "phone:5511987654321", "cpf:52998224725");
        assertThat(keys.get("C4")).containsExactlyInAnyOrder("retail:41", "retail:42", "retail:43", "retail:44", "email:Dora@Shop.example");
        assertThat(keys.get("C5")).containsExactly("web:V5");
    }

    /** Metrics are "as of" the run date: an earlier date moves the windows; re-running the first date gives the same table. */
    @Test
    @Order(9)
    void asOfMovesTheWindowsAndReRunningADateGivesTheSameAnswer() {
        run("2024-03-31");
        Row earlier = customer360().get("C1");
        assertThat(longs(earlier, "credit_count_3m", "debit_count_3m", "accounts_held")).containsExactly(1L, 1L, 2L);
        assertThat((Date) earlier.getAs("as_of_date")).isEqualTo(Date.valueOf("2024-03-31"));
        assertThat((Object) customer360().get("C3").getAs("sessions")).isEqualTo(1L);

        run(AnalyticsStageFixture.AS_OF);
        assertThat(customer360()).isEqualTo(c360);
    }

    /**
     * After the first build only what changed is recomputed: a new transaction (a new raw batch) and a
     * visitor whose record moved to another customer rebuild one transaction and two customers (the third is gone), and the
     * tables are then exactly what a full rebuild gives.
     */
    @Test
    @Order(10)
    void aBuildAfterChangesRecomputesOnlyTheirRowsAndEqualsAFullRebuild() {
        List<String> byKey = ANALYTICS.models().stream().filter(Model::byKey).map(Model::table).toList();
        assertThat(byKey).hasSize(6);
        assertThat(run(AnalyticsStageFixture.AS_OF)).filteredOn(r -> byKey.contains(r.table()))
                .as("nothing changed: every model rebuilt by key is up to date").allSatisfy(r -> assertThat(r.status()).isEqualTo("up to date"));

        spark.sql("INSERT INTO stage.stg_core__transactions VALUES (10, 200, DATE'2024-06-25', 'credit', null, 100.00, -300.00, null, 'b2')");
        spark.sql("UPDATE analytics.customer_identity SET customer_id = 'C2' WHERE uid = 'web:V3'");
        Map<String, ModelRun> incremental = run(AnalyticsStageFixture.AS_OF).stream().collect(Collectors.toMap(ModelRun::table, r -> r));

        assertThat(incremental.get("analytics.fct_transactions").rowsOut()).as("the new transaction, once per holder").isEqualTo(1);
        assertThat(incremental.get("analytics.fct_web_sessions").rowsOut()).as("V3's sessions up to as-of").isEqualTo(2);
        assertThat(incremental.get("analytics.customer_360").rowsOut()).as("C1 (transaction) and C2 (visitor)").isEqualTo(2);
        Map<String, Row> rebuilt = customer360();
        assertThat(rebuilt.keySet()).as("C3 had only the visitor record").containsExactlyInAnyOrder("C1", "C2", "C4", "C5");
        assertThat(rebuilt.get("C1").<Long>getAs("credit_count_3m")).isEqualTo(3L);
        assertThat(rebuilt.get("C2").<Long>getAs("sessions")).isEqualTo(2L);
        assertThat(rebuilt.get("C4")).isEqualTo(c360.get("C4"));

        Map<String, List<Row>> built = analyticsTables();
        runner.run(ANALYTICS, new RunOptions(false, true, Map.of("as_of", AnalyticsStageFixture.AS_OF)));
        assertThat(analyticsTables()).isEqualTo(built);
    }

    /** The tests of a build by key look at the rows it wrote: a bad value among them fails the model and blocks its dependents. */
    @Test
    @Order(11)
    void aBuildByKeyTestsTheRowsItWrote() {
        spark.sql("INSERT INTO stage.stg_core__transactions VALUES (11, 100, DATE'2024-06-26', 'refund', null, 5.00, 1125.00, null, 'b3')");

        Map<String, ModelRun> after = run(AnalyticsStageFixture.AS_OF).stream().collect(Collectors.toMap(ModelRun::table, r -> r));

        assertThat(after.get("analytics.fct_transactions").rowsOut()).isEqualTo(1);
        assertThat(after.get("analytics.fct_transactions").failedTests()).singleElement().asString().startsWith("accepted_values(type)");
        assertThat(after.get("analytics.customer_360").status()).isEqualTo("skipped");
    }

    private static Map<String, List<Row>> analyticsTables() {
        return ANALYTICS.models().stream().collect(Collectors.toMap(m -> m.table(), m -> {
            org.apache.spark.sql.Dataset<Row> t = spark.table(m.table());
            return t.orderBy(t.columns()[0]).collectAsList();
        }));
    }

    private static List<Long> longs(Row r, String... columns) {
        return java.util.Arrays.stream(columns).map(c -> (Long) r.getAs(c)).toList();
    }

    private static List<String> decimals(Row r, String... columns) {
        return java.util.Arrays.stream(columns).map(c -> ((BigDecimal) r.getAs(c)).toPlainString()).toList();
    }
}
