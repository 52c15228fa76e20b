package io.c360.serve.publish;

import io.c360.runtime.TestWorkspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.lake.LakeSession;
import io.c360.lake.bench.SyntheticAnalyticsInputs;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinitions;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import io.c360.serve.store.StoredProfile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** customer_360 built by the analytics models from synthetic inputs, published end to end to PostgreSQL. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Customer360PublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 200;

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static PostgresService postgres;
    static ProfileStore store;
    static Customer360Publisher publisher;

    @BeforeAll
    static void buildAnalytics() {
        C360Config config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        postgres = PostgresService.open(config);
        store = ProfileStore.open(postgres);
        new SyntheticAnalyticsInputs(spark).write(CUSTOMERS);
        List<ModelRun> runs = new ModelRunner(spark, SourceDefinitions.from(config), RawZone.of(config, spark), Progress.silent())
                .run(ModelProject.fromClasspath("analytics"), RunOptions.incremental().withVars(Map.of("as_of", SyntheticAnalyticsInputs.AS_OF)));
        assertThat(runs).allSatisfy(r -> assertThat(r.status()).as(r.table() + " " + r.failedTests()).isEqualTo("done"));
        publisher = new Customer360Publisher(spark, store);
    }

    @AfterAll
    static void stop() {
        spark.stop();
        postgres.close();
    }

    @Test
    @Order(1)
    void publishesEveryCustomerWithItsGroupedDocumentLookupKeysAndBranches() throws Exception {
        String runId = new AnalyticsRunGate(spark).passedRun();
        Progress.Step sent = Progress.silent().start("publish", "profiles");

        ProfileVersion v = publisher.publish(runId, sent);

        assertThat(v.runId()).isEqualTo(runId);
        assertThat(v.customers()).isEqualTo(CUSTOMERS).isEqualTo(v.inserted()).isEqualTo(sent.count());
        StoredProfile c7 = store.find("C0000000007").orElseThrow();
        JsonNode doc = JSON.readTree(c7.docJson());
        assertThat(doc.fieldNames()).toIterable().containsExactlyInAnyOrder("customer_id", "golden_record", "loyalty", "demographics",
                "marketing", "history", "value", "digital", "risk");
        assertThat(doc.path("golden_record").path("email").asText()).isEqualTo("c7@example.com");
        assertThat(c7.name()).isEqualTo("First7 Last7");
        assertThat(doc.path("history").path("credit_count_3m").isNumber()).isTrue();
        assertThat(c7.keys()).contains(new LookupKey("crm", "7"), new LookupKey("dispositions", "7"), new LookupKey("web", "V7"),
                new LookupKey("email", "c7@example.com"), new LookupKey("cpf", "00000000007"));
        assertThat(store.findByKey(LookupKey.of("email", "C7@Example.com"))).extracting(StoredProfile::customerId).containsExactly("C0000000007");
        assertThat(store.findByKey(LookupKey.of("cpf", "000.000.000-07"))).extracting(StoredProfile::customerId).containsExactly("C0000000007");
        assertThat(c7.branchIds()).containsExactly("7");
        assertThat(store.branchCustomers("7", null, 100)).extracting(s -> s.customerId()).contains("C0000000007");

        JsonNode noAccounts = JSON.readTree(store.find("C0000000010").orElseThrow().docJson());
        assertThat(noAccounts.path("loyalty").get("accounts_held").isNull()).as("null, not 0, when a source has nothing").isTrue();
        assertThat(noAccounts.path("history").get("credit_count_3m").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void anIncrementalPublishRewritesOnlyTheChangedProfiles() {
        ProfileVersion unchanged = publisher.publish("run-unchanged", step());
        assertThat(unchanged.rewritten()).isZero();

        spark.sql("UPDATE analytics.customer_360 SET occupation = 'astronaut' WHERE customer_id IN ('C0000000011', 'C0000000012')");
        ProfileVersion onePercent = publisher.publish("run-one-percent", step());

        assertThat(onePercent.customers()).isEqualTo(CUSTOMERS);
        assertThat(onePercent.updated()).as("1% of %d customers changed", CUSTOMERS).isEqualTo(CUSTOMERS / 100);
        assertThat(onePercent.inserted() + onePercent.deleted()).isZero();
        assertThat(occupation(store.find("C0000000011").orElseThrow())).isEqualTo("astronaut");
        assertThat(store.currentVersion().orElseThrow().runId()).isEqualTo("run-one-percent");
    }

    /** Readers during a publish see every profile, each wholly from the old or wholly from the new version. */
    @Test
    @Order(3)
    void lookupsDuringAPublishNeverSeeAMixedOrMissingProfile() throws Exception {
        spark.sql("UPDATE analytics.customer_360 SET occupation = 'run-a'");
        publisher.publish("run-a", step());
        spark.sql("UPDATE analytics.customer_360 SET occupation = 'run-b'");
        AtomicBoolean publishing = new AtomicBoolean(true);
        CompletableFuture<Map<String, Long>> reader = CompletableFuture.supplyAsync(() -> readUntil(publishing));

        publisher.publish("run-b", step());
        publishing.set(false);

        Map<String, Long> seen = reader.get();
        assertThat(seen.get("reads")).isPositive();
        assertThat(seen.get("mixed")).isZero();
        assertThat(seen.get("missing")).isZero();
        assertThat(seen.get("run-b")).as("reads after the publish see the new version").isPositive();
    }

    private static Map<String, Long> readUntil(AtomicBoolean publishing) {
        long reads = 0;
        long mixed = 0;
        long missing = 0;
        long newVersion = 0;
        long after = 0;
        while (publishing.get() || after++ < 20) {
            int n = ThreadLocalRandom.current().nextInt(1, CUSTOMERS + 1);
            List<StoredProfile> found = store.findByKey(LookupKey.of("email", "c" + n + "@example.com"));
            Optional<StoredProfile> byId = store.find(String.format("C%010d", n));
            reads++;
            if (found.size() != 1 || byId.isEmpty()) {
                missing++;
                continue;
            }
            for (StoredProfile p : List.of(found.get(0), byId.get())) {
                if (!occupation(p).equals(p.runId())) {
                    mixed++;
                }
                newVersion += "run-b".equals(p.runId()) ? 1 : 0;
            }
        }
        return Map.of("reads", reads, "mixed", mixed, "missing", missing, "run-b", newVersion);
    }

    private static Progress.Step step() {
        return Progress.silent().start("publish", "profiles");
    }

    private static String occupation(StoredProfile p) {
        try {
            return JSON.readTree(p.docJson()).path("demographics").path("occupation").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void aFailedQualityTestBlocksPublishing() {
        spark.sql("INSERT INTO ops.dq_results VALUES ('99991231T000000Z-dead', 'analytics.customer_360', 'unique(customer_id)', "
                + "'error', 'fail', 2, 'C1', 'duplicated', current_timestamp())");

        assertThatThrownBy(() -> new AnalyticsRunGate(spark).passedRun())
                .hasMessageContaining("99991231T000000Z-dead").hasMessageContaining("unique(customer_id)").hasMessageContaining("not publishing");
        assertThat(store.currentVersion().orElseThrow().runId()).isEqualTo("run-b");
    }

    @Test
    @Order(5)
    void anIncrementalPublishSeesANewLookupKeyAndARemovedCustomer() {
        spark.sql("INSERT INTO analytics.customer_lookup_keys SELECT 'web:visitor-x>C0000000013', 'C0000000013', 'web', ' Visitor-X '");
        spark.sql("DELETE FROM analytics.customer_360 WHERE customer_id = 'C0000000014'");

        ProfileVersion v = publisher.publish("run-keys", step());

        assertThat(List.of(v.inserted(), v.updated(), v.deleted(), v.customers())).containsExactly(0L, 1L, 1L, CUSTOMERS - 1L);
        assertThat(store.findByKey(LookupKey.of("web", "Visitor-X"))).extracting(StoredProfile::customerId).containsExactly("C0000000013");
        assertThat(store.find("C0000000014")).isEmpty();
    }
}
