package io.c360.serve.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.PostgresService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workspace;
    static PostgresService postgres;
    static ProfileStore store;

    @BeforeAll
    static void openStore() {
        postgres = PostgresService.open(ConfigLoader.withEnvironment(Map.of("C360_HOME", workspace.toString())).load());
        store = ProfileStore.open(postgres);
    }

    @AfterAll
    static void close() {
        postgres.close();
    }

    @BeforeEach
    void emptyStore() throws Exception {
        try (Connection c = postgres.connect(ProfileStore.DATABASE); Statement s = c.createStatement()) {
            s.execute("TRUNCATE serving.profiles, serving.profile_keys, serving.branch_customers, serving.profile_versions");
        }
    }

    /** Customer i of generation gen: the generation is in the document and in one of its keys. */
    static Profile profile(int i, int gen) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("golden_record").put("customer_id", "C" + i).put("first_name", "Ana" + i).put("gen", gen);
        doc.putObject("loyalty").put("tenure_years", i % 20);
        return new Profile("C" + i, "Ana" + i + " Silva",  doc,
                List.of(LookupKey.of("crm", String.valueOf(5000 + i)), LookupKey.of("email", "Ana" + i + "@Example.com"),
                        LookupKey.of("web", "g" + gen + "-" + i)),
                List.of("B" + (i % 3)));
    }

    static List<Profile> generation(int customers, int gen) {
        return IntStream.range(0, customers).mapToObj(i -> profile(i, gen)).toList();
    }

    @Test
    void publishesAVersionAndLooksUpByIdSourceKeyContactAndBranch() throws Exception {
        ProfileVersion v = store.publish("run-1", generation(30, 1).iterator());

        assertThat(v.version()).isEqualTo(1);
        assertThat(v.inserted()).isEqualTo(30);
        assertThat(store.currentVersion()).get().extracting(ProfileVersion::runId).isEqualTo("run-1");

        StoredProfile p = store.find("C7").orElseThrow();
        assertThat(JSON.readTree(p.docJson()).at("/golden_record/first_name").asText()).isEqualTo("Ana7");
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.keys()).contains(new LookupKey("crm", "5007"), new LookupKey("email", "ana7@example.com"));
        assertThat(p.branchIds()).containsExactly("B1");

        assertThat(store.findByKey(LookupKey.of("crm", "5007"))).extracting(StoredProfile::customerId).containsExactly("C7");
        assertThat(store.findByKey(LookupKey.of("email", " ANA7@example.COM "))).extracting(StoredProfile::customerId).containsExactly("C7");
        assertThat(store.findByKey(LookupKey.of("crm", "999999"))).isEmpty();
        assertThat(store.find("nobody")).isEmpty();

        List<CustomerSummary> page1 = store.branchCustomers("B1", null, 4);
        List<CustomerSummary> page2 = store.branchCustomers("B1", page1.get(3).customerId(), 100);
        assertThat(page1).hasSize(4);
        assertThat(page1.size() + page2.size()).isEqualTo(10);
        assertThat(page2).doesNotContainAnyElementsOf(page1);

        assertThat(store.search("ana7@example.com", 10)).extracting(CustomerSummary::customerId).containsExactly("C7");
        assertThat(store.search("Ana1", 50)).extracting(CustomerSummary::customerId).contains("C1", "C10", "C19").doesNotContain("C2");
        assertThat(store.search("5012", 10)).extracting(CustomerSummary::customerId).containsExactly("C12");
    }

    @Test
    void incrementalPublishRewritesOnlyChangedCustomersAndDeletesRemovedOnes() throws Exception {
        List<Profile> first = generation(2000, 1);
        store.publish("run-1", first.iterator());
        long table = countRows("SELECT 'serving.profiles'::regclass::oid::bigint");

        List<Profile> second = new ArrayList<>(first);
        for (int i = 0; i < 2000; i += 100) { // 1% changed
            second.set(i, profile(i, 2));
        }
        second.remove(1999);
        second.add(profile(5000, 1));
        ProfileVersion v2 = store.publish("run-2", second.iterator());

        assertThat(v2.updated()).isEqualTo(20);
        assertThat(v2.inserted()).isEqualTo(1);
        assertThat(v2.deleted()).isEqualTo(1);
        assertThat(v2.customers()).isEqualTo(2000);
        assertThat(countRows("SELECT count(*) FROM serving.profiles WHERE version = 2")).isEqualTo(21);
        assertThat(countRows("SELECT count(*) FROM serving.profiles WHERE version = 1")).isEqualTo(1979);
        assertThat(countRows("SELECT count(*) FROM serving.profile_keys WHERE customer_id = 'C1999'")).isZero();
        assertThat(store.find("C1999")).isEmpty();
        assertThat(store.findByKey(LookupKey.of("web", "g2-100"))).extracting(StoredProfile::customerId).containsExactly("C100");
        assertThat(store.findByKey(LookupKey.of("web", "g1-100"))).isEmpty();
        assertThat(store.find("C101").orElseThrow().version()).isEqualTo(2);
        assertThat(store.versions(5)).extracting(ProfileVersion::version).containsExactly(2L, 1L);
        assertThat(store.versions(5)).extracting(ProfileVersion::current).containsExactly(true, false);
        assertThat(countRows("SELECT 'serving.profiles'::regclass::oid::bigint")).as("patched in place").isEqualTo(table);
    }

    @Test
    void aLargeChangeRebuildsTheTablesWithTheSameIndexesAndKeepsTheUnchangedRows() throws Exception {
        List<Profile> first = generation(200, 1);
        store.publish("run-1", first.iterator());
        long table = countRows("SELECT 'serving.profiles'::regclass::oid::bigint");
        List<String> schema = storeSchema();

        List<Profile> second = new ArrayList<>(first);
        for (int i = 0; i < 200; i += 2) { // half changed
            second.set(i, profile(i, 2));
        }
        second.remove(199);
        second.add(profile(5000, 2));
        ProfileVersion v2 = store.publish("run-2", second.iterator());

        assertThat(countRows("SELECT 'serving.profiles'::regclass::oid::bigint")).as("rebuilt and swapped in").isNotEqualTo(table);
        assertThat(schema).contains("serving.profiles WITH toast_tuple_target=8160");
        assertThat(storeSchema()).as("indexes, constraints and storage parameters of the rebuilt tables").isEqualTo(schema);
        assertThat(List.of(v2.inserted(), v2.updated(), v2.deleted(), v2.customers())).containsExactly(1L, 100L, 1L, 200L);
        assertThat(countRows("SELECT version FROM serving.profiles WHERE customer_id = 'C1'")).as("unchanged row kept").isEqualTo(1);
        assertThat(countRows("SELECT version FROM serving.profiles WHERE customer_id = 'C2'")).isEqualTo(2);
        assertThat(store.find("C199")).isEmpty();
        assertThat(store.findByKey(LookupKey.of("web", "g1-1"))).extracting(StoredProfile::customerId).containsExactly("C1");
        assertThat(store.findByKey(LookupKey.of("web", "g2-2"))).extracting(StoredProfile::customerId).containsExactly("C2");
        assertThat(store.findByKey(LookupKey.of("web", "g1-2"))).isEmpty();
        assertThat(store.findByKey(LookupKey.of("crm", "5199"))).isEmpty();
        assertThat(store.find("C5000").orElseThrow().branchIds()).containsExactly("B2");
        assertThat(countRows("SELECT count(*) FROM serving.branch_customers")).isEqualTo(200);
        assertThat(countRows("SELECT count(*) FROM serving.profile_keys")).isEqualTo(600);
    }

    /** Every index, constraint and storage parameter of the profile store's tables, as PostgreSQL defines them. */
    private static List<String> storeSchema() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.connect(ProfileStore.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT indexdef FROM pg_indexes WHERE schemaname = 'serving'
                     UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                     FROM pg_constraint WHERE connamespace = 'serving'::regnamespace
                     UNION ALL SELECT oid::regclass || ' WITH ' || array_to_string(reloptions, ', ')
                     FROM pg_class WHERE relnamespace = 'serving'::regnamespace AND reloptions IS NOT NULL ORDER BY 1""")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aFailedPublishLeavesThePreviousVersionServing() throws Exception {
        store.publish("run-1", generation(10, 1).iterator());
        List<Profile> withDuplicate = new ArrayList<>(generation(10, 2));
        withDuplicate.add(profile(3, 2));

        assertThatThrownBy(() -> store.publish("run-2", withDuplicate.iterator()))
                .isInstanceOf(ProfileStoreException.class)
                .hasMessageContaining("run-2").hasMessageContaining("appears twice");

        assertThat(store.currentVersion().orElseThrow().runId()).isEqualTo("run-1");
        assertThat(JSON.readTree(store.find("C3").orElseThrow().docJson()).at("/golden_record/gen").asInt()).isEqualTo(1);
    }

    @Test
    void readersDuringPublishNeverSeeAMixedOrMissingProfile() throws Exception {
        int customers = 3000;
        store.publish("run-1", generation(customers, 1).iterator());
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int kind = t % 3;
            running.add(readers.submit(() -> {
                while (publishing.get() || reads.get() < 200) {
                    int i = ThreadLocalRandom.current().nextInt(customers);
                    reads.incrementAndGet();
                    if (kind == 2) { // the branch list reads its tables in another order: must not deadlock with a swap
                        int page = store.branchCustomers("B" + i % 3, null, 5).size();
                        if (page != 5) {
                            problems.add("branch B" + i % 3 + " listed " + page + " customers");
                        }
                        continue;
                    }
                    Optional<StoredProfile> p = kind == 1
                            ? store.findByKey(LookupKey.of("crm", String.valueOf(5000 + i))).stream().findFirst()
                            : store.find("C" + i);
                    check(i, p, problems);
                }
                return null;
            }));
        }
        for (int gen = 2; gen <= 4; gen++) {
            store.publish("run-" + gen, generation(customers, gen).iterator());
        }
        publishing.set(false);
        for (Future<?> f : running) {
            f.get();
        }
        readers.shutdown();

        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThan(200);
        assertThat(store.currentVersion().orElseThrow().version()).isEqualTo(4);
    }

    /** Version v was published from generation v: document, keys and version must agree. */
    private static void check(int i, Optional<StoredProfile> found, ConcurrentLinkedQueue<String> problems) {
        if (found.isEmpty()) {
            problems.add("C" + i + " missing");
            return;
        }
        StoredProfile p = found.get();
        try {
            JsonNode doc = JSON.readTree(p.docJson());
            long gen = doc.at("/golden_record/gen").asLong();
            boolean keyOfGen = p.keys().contains(new LookupKey("web", "g" + gen + "-" + i));
            if (gen != p.version() || !keyOfGen || p.keys().size() != 3) {
                problems.add("C" + i + " mixed: version " + p.version() + ", doc gen " + gen + ", keys " + p.keys());
            }
        } catch (Exception e) {
            problems.add(e.toString());
        }
    }

    private static long countRows(String sql) throws Exception {
        try (Connection c = postgres.connect(ProfileStore.DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
