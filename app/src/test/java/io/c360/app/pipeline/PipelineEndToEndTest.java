package io.c360.app.pipeline;

import io.c360.app.ChildProcess;
import io.c360.app.CliTest;
import io.c360.app.SimulatedCompanyCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.PostgresService;
import io.c360.serve.store.ProfileStore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `c360 run` from an empty workspace, driven through the CLI against the simulated company. */
class PipelineEndToEndTest {

    /** The as-of date and an order-independent digest of each analytics table's rows. */
    private static final String ANALYTICS_CONTENT = "SELECT concat((SELECT max(as_of_date) FROM analytics.customer_360), '|', concat_ws(';', "
            + Stream.of("fct_transactions", "fct_orders", "fct_web_sessions", "fct_web_hits", "customer_rfm", "customer_360",
                    "customer_lookup_keys").map(t -> "(SELECT concat(count(*), ':', bit_xor(xxhash64(to_json(struct(*))))) FROM analytics." + t + ")")
            .collect(Collectors.joining(", ")) + "))";

    @TempDir
    Path workspace;

    private SimulatedCompanyCli company;

    @BeforeEach
    void simulateACompany() throws IOException {
        company = new SimulatedCompanyCli(workspace);
        assertThat(c360("sources", "generate", "--customers", "80", "--months", "2", "--seed", "5").exit()).isZero();
    }

    @AfterEach
    void stopCrm() throws InterruptedException {
        company.close();
    }

    @Test
    void aRunLandsAndStagesEverythingARerunChangesNothingAndATickIsPickedUp() throws Exception {
        company.startCrm();
        CliTest.Result first = c360("run");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("succeeded");
        assertThat(sql("SELECT count(*) FROM ops.step_runs WHERE status <> 'succeeded'")).isEqualTo("0");
        long batches = Long.parseLong(sql("SELECT count(*) FROM ops.ingest_batches WHERE status = 'landed'"));
        String customers = sql("SELECT count(*) FROM stage.stg_crm__customers");
        String transactions = sql("SELECT count(*) FROM stage.stg_core__transactions");
        assertThat(Long.parseLong(customers)).isPositive();
        assertThat(Long.parseLong(transactions)).isPositive();

        CliTest.Result second = c360("run");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(Long.parseLong(sql("SELECT count(*) FROM ops.ingest_batches WHERE status = 'landed'"))).isEqualTo(batches);
        assertThat(sql("SELECT count(*) FROM stage.stg_crm__customers")).isEqualTo(customers);
        assertThat(sql("SELECT count(*) FROM stage.stg_core__transactions")).isEqualTo(transactions);

        assertThat(sql("SELECT status FROM ops.step_runs WHERE step = 'publish' ORDER BY finished_at DESC LIMIT 1")).isEqualTo("succeeded");
        String crmBefore = sql("SELECT concat_ws(';', collect_list(concat(client_id, '@', updated_at))) FROM stage.stg_crm__customers");
        Map<String, String> docsBefore = publishedDocs();
        assertThat(docsBefore).hasSize(Integer.parseInt(sql("SELECT count(*) FROM analytics.customer_360")));

        assertThat(c360("sources", "run", "--ticks", "1", "--every", "0s", "--no-serve").exit()).isZero();
        CliTest.Result third = c360("run");
        assertThat(third.exit()).as(third.err()).isZero();
        String changedClient = sql("SELECT client_id FROM stage.stg_crm__customers WHERE array_contains(split('" + crmBefore
                + "', ';'), concat(client_id, '@', updated_at)) = false AND array_contains(transform(split('" + crmBefore
                + "', ';'), x -> split(x, '@')[0]), cast(client_id AS STRING)) ORDER BY client_id LIMIT 1");
        String customerId = sql("SELECT customer_id FROM analytics.customer_identity WHERE source = 'crm' AND record_key = '"
                + changedClient + "'");
        Map<String, String> docsAfter = publishedDocs();
        assertThat(docsAfter.get(customerId)).as("the published profile of customer %s, whose CRM record %s changed in the tick",
                customerId, changedClient).isNotNull().isNotEqualTo(docsBefore.get(customerId));
        assertThat(Long.parseLong(sql("SELECT count(*) FROM ops.ingest_batches WHERE status = 'landed'"))).isGreaterThan(batches);
        assertThat(Long.parseLong(sql("SELECT count(*) FROM stage.stg_core__transactions"))).isGreaterThan(Long.parseLong(transactions));
        assertThat(sql("SELECT count(*) - count(DISTINCT trans_id) FROM stage.stg_core__transactions")).isEqualTo("0");

        assertThat(third.out() + third.err()).as("the analytics models recomputed only the keys the tick changed")
                .contains("customer_id values");
        String incremental = sql(ANALYTICS_CONTENT);
        String asOf = incremental.substring(0, incremental.indexOf('|'));
        CliTest.Result rebuild = c360("transform", "analytics", "--reprocess", "--as-of", asOf);
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(sql(ANALYTICS_CONTENT)).as("analytics tables built incrementally = rebuilt whole").isEqualTo(incremental);
    }

    @Test
    void aSourceThatStaysDownBlocksOnlyItsDependentsAndResumeFinishesTheRun() throws Exception {
        CliTest.Result failed = c360("--set", "pipeline.retries=2", "--set", "pipeline.backoff-seconds=1",
                "--set", "sources.crm.max-retries=1", "run");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("ingest_crm").contains("127.0.0.1:" + company.crmPort());
        Matcher m = Pattern.compile("c360 run --resume (\\S+)").matcher(failed.err());
        assertThat(m.find()).as(failed.err()).isTrue();
        String runId = m.group(1);
        assertThat(sql("SELECT status FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'ingest_crm'")).isEqualTo("failed");
        assertThat(sql("SELECT attempts FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'ingest_crm'")).isEqualTo("2");
        assertThat(sql("SELECT status FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'stage'")).isEqualTo("blocked");
        String accountsStarted = sql("SELECT started_at FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'ingest_accounts'");
        assertThat(sql("SELECT status FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'ingest_accounts'")).isEqualTo("succeeded");

        company.startCrm();
        CliTest.Result resumed = c360("run", "--resume", runId);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(sql("SELECT count(*) FROM ops.step_runs WHERE run_id = '" + runId + "' AND status <> 'succeeded'")).isEqualTo("0");
        assertThat(sql("SELECT started_at FROM ops.step_runs WHERE run_id = '" + runId + "' AND step = 'ingest_accounts'"))
                .as("a finished step is not run again").isEqualTo(accountsStarted);
        assertThat(sql("SELECT status FROM ops.pipeline_runs WHERE run_id = '" + runId + "'")).isEqualTo("succeeded");
        assertThat(Long.parseLong(sql("SELECT count(*) FROM stage.stg_crm__customers"))).isPositive();
    }

    @Test
    void aRunKilledMidwayLeavesAWorkspaceTheNextRunCompletes() throws Exception {
        company.startCrm();
        Process run = ChildProcess.c360(workspace, "--set", company.crmSetting(), "run").start();
        StringBuilder seen = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                seen.append(line).append('\n');
                if (line.contains("▸ stage.")) { // inside the stage step: kill -9
                    run.destroyForcibly();
                    break;
                }
            }
        }
        run.waitFor(60, TimeUnit.SECONDS);
        assertThat(seen).as("the run got as far as the stage step").contains("▸ stage.");

        CliTest.Result next = c360("run");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(sql("SELECT count(*) - count(DISTINCT trans_id) FROM stage.stg_core__transactions")).isEqualTo("0");
        assertThat(sql("SELECT count(*) - count(DISTINCT client_id) FROM stage.stg_crm__customers")).isEqualTo("0");
        assertThat(Long.parseLong(sql("SELECT count(*) FROM stage.stg_core__transactions"))).isPositive();
    }

    /** The profile documents the store serves now, by customer id. */
    private Map<String, String> publishedDocs() {
        C360Config config = ConfigLoader.withEnvironment(Map.of("C360_HOME", workspace.toString())).load();
        try (PostgresService pg = PostgresService.open(config)) {
            ProfileStore store = ProfileStore.open(pg);
            Map<String, String> docs = new HashMap<>();
            for (String id : sql("SELECT concat_ws(' ', collect_list(customer_id)) FROM analytics.customer_360").split(" ")) {
                store.find(id).ifPresent(p -> docs.put(id, p.docJson()));
            }
            return docs;
        }
    }

    private CliTest.Result c360(String... args) {
        return company.c360(args);
    }

    private String sql(String query) {
        return company.sql(query);
    }
}
