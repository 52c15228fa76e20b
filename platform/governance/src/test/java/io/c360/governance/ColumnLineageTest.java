package io.c360.governance;

import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.ColumnRef;
import io.c360.governance.lineage.LineageGraph;
import io.c360.governance.lineage.ModelLineage;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Column lineage of the packaged models, derived from their SQL. Every expectation was written by
 * reading the model SQL (models/stage, models/analytics), not by copying the output: direct inputs
 * are the columns a value is computed from, indirect ones only pick rows or branches.
 */
class ColumnLineageTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static LineageGraph graph;

    @BeforeAll
    static void analyzeModels() {
        C360Config config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        // the identity map is written by identity resolution (Java), not a SQL model: an empty table stands in for it
        spark.sql("CREATE TABLE analytics.customer_identity (source STRING, entity STRING, record_key STRING, customer_id STRING) USING iceberg");
        graph = ModelLineage.ofPackagedModels(spark, SourceDefinitions.from(config), "2024-06-30");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyModelIsAnalyzed() {
        assertThat(graph.unavailable()).isEmpty();
        assertThat(graph.edges()).containsKeys("stage.stg_crm__customers", "stage.stg_core__transactions",
                "analytics.fct_transactions", "analytics.customer_360", "analytics.customer_lookup_keys");
    }

    @Test
    void windowedAveragesComeFromTheAmountAndAreDecidedByTypeAndDate() {
        // txn CTE: avg(CASE WHEN t.is_debit AND t.transaction_date > add_months(as_of, -3) THEN t.amount END)
        assertThat(direct("analytics.customer_360.debit_avg_3m")).containsExactly("analytics.fct_transactions.amount");
        assertThat(indirect("analytics.customer_360.debit_avg_3m"))
                .contains("analytics.fct_transactions.is_debit", "analytics.fct_transactions.transaction_date");
        assertThat(subtypes("analytics.customer_360.debit_avg_3m", "analytics.fct_transactions.amount"))
                .containsExactly(ColumnInput.Subtype.AGGREGATION);
    }

    @Test
    void countsOfAConditionAreMaskingAggregationsOfItsColumns() {
        // count_if(t.is_credit AND t.transaction_date > add_months(as_of, -12))
        List<ColumnInput> inputs = directInputs("analytics.customer_360.credit_count_12m");
        assertThat(inputs).extracting(in -> in.from().toString())
                .containsExactlyInAnyOrder("analytics.fct_transactions.is_credit", "analytics.fct_transactions.transaction_date");
        assertThat(inputs).allSatisfy(in -> {
            assertThat(in.subtype()).isEqualTo(ColumnInput.Subtype.AGGREGATION);
            assertThat(in.masking()).isTrue();
        });
    }

    @Test
    void goldenRecordColumnsPassThroughFromTheCrmStageTable() {
        // crm CTE: c.* of stg_crm__customers; final SELECT: email; address_state AS region
        assertThat(direct("analytics.customer_360.email")).containsExactly("stage.stg_crm__customers.email");
        assertThat(subtypes("analytics.customer_360.email", "stage.stg_crm__customers.email"))
                .containsExactly(ColumnInput.Subtype.IDENTITY);
        assertThat(direct("analytics.customer_360.region")).containsExactly("stage.stg_crm__customers.address_state");
        // nullif(trim(concat_ws(' ', first_name, last_name)), '')
        assertThat(direct("analytics.customer_360.full_name"))
                .containsExactlyInAnyOrder("stage.stg_crm__customers.first_name", "stage.stg_crm__customers.last_name");
    }

    @Test
    void ageIsComputedFromBirthDateOrTheCrmAge() {
        // CASE WHEN birth_date IS NOT NULL THEN floor(months_between(as_of, birth_date) / 12) ELSE crm_age END; as_of is a literal
        assertThat(direct("analytics.customer_360.age"))
                .containsExactlyInAnyOrder("stage.stg_crm__customers.birth_date", "stage.stg_crm__customers.age");
    }

    @Test
    void accountsHeldCountsAccountIds() {
        // accounts CTE: count(DISTINCT a.account_id) over stg_accounts__accounts
        assertThat(direct("analytics.customer_360.accounts_held")).containsExactly("stage.stg_accounts__accounts.account_id");
    }

    @Test
    void lifetimeValueComesFromSalesWithinTwelveMonths() {
        // clv_estimate = revenue_12m * 3; revenue_12m = sum(CASE WHEN o.order_date > … THEN o.sales ELSE 0 END)
        assertThat(direct("analytics.customer_360.clv_estimate")).containsExactly("analytics.fct_orders.sales");
        assertThat(indirect("analytics.customer_360.clv_estimate")).contains("analytics.fct_orders.order_date");
    }

    @Test
    void maxByTakesItsValueFromTheFirstArgumentOnly() {
        // balance_current = sum(max_by(day_balance, from_date)); day_balance = max_by(balance, trans_id)
        assertThat(direct("analytics.customer_360.balance_current")).containsExactly("analytics.fct_transactions.balance");
        // top_product = max_by(product, struct(sales, product)) over sums of fct_orders.sales per product
        assertThat(direct("analytics.customer_360.top_product")).containsExactly("analytics.fct_orders.product");
        assertThat(indirect("analytics.customer_360.top_product")).contains("analytics.fct_orders.sales");
    }

    @Test
    void aFlagOfLiteralsOnlyHasIndirectInputs() {
        // avg(CASE WHEN s.is_mobile THEN 1.0 WHEN NOT s.is_mobile THEN 0.0 END): the values are literals
        assertThat(direct("analytics.customer_360.mobile_share")).isEmpty();
        assertThat(indirect("analytics.customer_360.mobile_share")).contains("analytics.fct_web_sessions.is_mobile");
        // contactable_channel: CASE of preferred_channel and consents, every value a literal
        assertThat(direct("analytics.customer_360.contactable_channel")).isEmpty();
        assertThat(indirect("analytics.customer_360.contactable_channel")).contains("stage.stg_crm__customers.preferred_channel",
                "stage.stg_crm__customers.consent_email", "stage.stg_crm__customers.consent_sms", "stage.stg_crm__customers.consent_phone");
    }

    @Test
    void lastInteractionIsTheLatestOfThreeSources() {
        // datediff(as_of, greatest(last_transaction_date, last_order_date, to_date(last_visit_at)))
        assertThat(direct("analytics.customer_360.days_since_last_interaction")).containsExactlyInAnyOrder(
                "analytics.fct_transactions.transaction_date", "analytics.fct_orders.order_date",
                "analytics.fct_web_sessions.visit_start_at");
        assertThat(direct("analytics.customer_360.pageviews")).containsExactly("analytics.fct_web_sessions.pageviews");
    }

    @Test
    void factsTakeTheCustomerFromTheIdentityMap() {
        // holders CTE: GROUP BY d.account_id, i.customer_id; SELECT h.customer_id
        assertThat(direct("analytics.fct_transactions.customer_id")).containsExactly("analytics.customer_identity.customer_id");
        // t.type = 'debit' AS is_debit
        assertThat(direct("analytics.fct_transactions.is_debit")).containsExactly("stage.stg_core__transactions.type");
        assertThat(graph.model("analytics.fct_transactions").orElseThrow().rowInputs()).extracting(in -> in.from().toString())
                .contains("stage.stg_dispositions__dispositions.account_id", "stage.stg_core__transactions.transaction_date");
    }

    @Test
    void aColumnIsTracedBackToTheRawField() {
        LineageGraph.ColumnPath path = graph.trace(ColumnRef.parse("analytics.customer_360.debit_avg_3m"));
        assertThat(chain(path)).containsExactly("analytics.customer_360.debit_avg_3m", "analytics.fct_transactions.amount",
                "stage.stg_core__transactions.amount", "raw.core__transactions.amount");
        assertThat(chain(graph.trace(ColumnRef.parse("analytics.customer_360.email"))))
                .containsExactly("analytics.customer_360.email", "stage.stg_crm__customers.email", "raw.crm__customers.email");
        // trim(address.street): a field of the raw JSON record's address object
        assertThat(direct("stage.stg_crm__customers.address_street")).containsExactly("raw.crm__customers.address");
    }

    @Test
    void aRawFieldFeedsTheColumnsComputedFromIt() {
        // stage: email = email_norm = lower(trim(email)), email_valid = email_norm RLIKE …;
        // analytics: customer_360.email copies it, customer_lookup_keys.key takes it in a UNION and
        // lookup_key_id = concat(kind, ':', key, '>', customer_id)
        List<String> feeds = graph.feeds(ColumnRef.parse("raw.crm__customers.email")).stream().map(ColumnRef::toString).toList();
        assertThat(feeds).containsExactlyInAnyOrder("stage.stg_crm__customers.email", "stage.stg_crm__customers.email_valid",
                "analytics.customer_360.email", "analytics.customer_lookup_keys.key", "analytics.customer_lookup_keys.lookup_key_id");
        assertThat(feeds.subList(0, 2)).allMatch(c -> c.startsWith("stage."));
    }

    @Test
    void tableLineageReachesTheRawSources() {
        assertThat(graph.model("analytics.customer_360").orElseThrow().inputs()).containsExactlyInAnyOrder(
                "analytics.customer_identity", "stage.stg_crm__customers", "stage.stg_dispositions__dispositions",
                "stage.stg_accounts__accounts", "stage.stg_cards__cards", "analytics.fct_transactions", "analytics.fct_orders",
                "analytics.fct_web_sessions", "analytics.fct_web_hits", "analytics.customer_rfm");
        assertThat(graph.upstream("analytics.customer_360")).contains("raw.core__transactions", "raw.crm__customers",
                "raw.web__sessions");
        assertThat(graph.rawReaders("analytics.fct_orders")).containsExactly("stage.stg_retail__orders");
        assertThat(graph.downstream("stage.stg_crm__customers")).contains("analytics.customer_360");
    }

    @Test
    void unknownColumnsAndTablesAreNamedInTheError() {
        assertThatThrownBy(() -> graph.trace(ColumnRef.parse("analytics.customer_360.nope")))
                .hasMessageContaining("analytics.customer_360 has no column 'nope'").hasMessageContaining("debit_avg_3m");
        assertThatThrownBy(() -> graph.trace(ColumnRef.parse("analytics.nowhere.x"))).hasMessageContaining("no table analytics.nowhere");
        assertThatThrownBy(() -> ColumnRef.parse("customer_360.email")).hasMessageContaining("zone.table.column");
    }

    private static List<ColumnInput> directInputs(String column) {
        return graph.inputsOf(ColumnRef.parse(column)).stream().filter(ColumnInput::direct).toList();
    }

    private static Set<String> direct(String column) {
        return directInputs(column).stream().map(in -> in.from().toString()).collect(Collectors.toSet());
    }

    private static Set<String> indirect(String column) {
        return graph.inputsOf(ColumnRef.parse(column)).stream().filter(in -> !in.direct())
                .map(in -> in.from().toString()).collect(Collectors.toSet());
    }

    private static List<ColumnInput.Subtype> subtypes(String column, String input) {
        return directInputs(column).stream().filter(in -> in.from().toString().equals(input)).map(ColumnInput::subtype).toList();
    }

    /** The columns along a path that has one input per step. */
    private static List<String> chain(LineageGraph.ColumnPath path) {
        List<String> out = new java.util.ArrayList<>();
        for (LineageGraph.ColumnPath p = path; p != null; p = p.upstream().isEmpty() ? null : p.upstream().get(0)) {
            assertThat(p.upstream()).hasSizeLessThanOrEqualTo(1);
            out.add(p.column().toString());
        }
        return out;
    }
}
