package io.c360.identity;

import io.c360.lake.LakeSession;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs on the real lake (Spark + Iceberg JDBC catalog): stable ids, incremental runs, events, explain. */
class LakeIdentityRunTest {

    @TempDir
    static Path workspace;
    private static SparkSession spark;
    private static final IdentityMapping MAPPING = IdentityMapping.lakeDefault();

    @BeforeAll
    static void start() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void dropIdentityTables() {
        for (String t : List.of(IdentityStore.IDENTITY, IdentityStore.LINKS, IdentityStore.EVENTS, IdentityStore.RUNS)) {
            spark.sql("DROP TABLE IF EXISTS " + t + " PURGE");
        }
    }

    private static Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs(SyntheticPeople.Batch batch) {
        Map<String, Dataset<Row>> frames = batch.frames(spark);
        Map<IdentityMapping.SourceMapping, Dataset<Row>> in = new LinkedHashMap<>();
        MAPPING.sources().forEach(s -> in.put(s, frames.get(s.source())));
        return in;
    }

    private static Map<String, String> customerIds() {
        Map<String, String> ids = new HashMap<>();
        spark.table(IdentityStore.IDENTITY).select("uid", "customer_id").collectAsList()
                .forEach(r -> ids.put(r.getString(0), r.getString(1)));
        return ids;
    }

    /** The clustering as a set of member sets, independent of the ids. */
    private static Set<Set<String>> partition(Dataset<Row> identities) {
        return identities.select("customer_id", "uid").collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.mapping(r -> r.getString(1), Collectors.toSet())))
                .values().stream().collect(Collectors.toSet());
    }

    @Test
    void idsAreStableAcrossRerunsAndIncrementalRunsEqualAFullRecompute() {
        dropIdentityTables();
        LakeIdentityRun run = new LakeIdentityRun(spark, MAPPING, Progress.silent());
        SyntheticPeople people = new SyntheticPeople(7);
        run.run(inputs(people.people(0, 200)), false);
        Map<String, String> first = customerIds();

        run.run(inputs(people.people(0, 200)), false);
        assertThat(customerIds()).isEqualTo(first);
        assertThat(spark.table(IdentityStore.EVENTS).count()).isZero();

        IdentityResolver.Resolution incremental = run.run(inputs(people.people(0, 210)), true);
        Map<String, String> after = customerIds();
        first.forEach((uid, id) -> assertThat(after.get(uid)).as(uid).isEqualTo(id));
        long maxBefore = first.values().stream().mapToLong(id -> Long.parseLong(id.substring(1))).max().orElseThrow();
        assertThat(after.keySet()).hasSizeGreaterThan(first.size());
        after.forEach((uid, id) -> {
            if (!first.containsKey(uid)) {
                assertThat(Long.parseLong(id.substring(1))).as("new record %s gets a new id", uid).isGreaterThan(maxBefore);
            }
        });

        Dataset<Row> records = PersonRecords.normalize(spark, MAPPING, inputs(people.people(0, 210)));
        IdentityResolver.Resolution full = new IdentityResolver(spark, MAPPING, Progress.silent())
                .resolve(records, null, false, incremental.model());
        assertThat(partition(spark.table(IdentityStore.IDENTITY))).isEqualTo(partition(full.identities()));
        assertThat(incremental.stats().candidatePairs()).isLessThan(full.stats().candidatePairs());
    }

    @Test
    void mergesAndSplitsAreRecordedAndExplained() {
        dropIdentityTables();
        LakeIdentityRun run = new LakeIdentityRun(spark, MAPPING, Progress.silent());
        List<Row> crm = List.of(
                crm("1", "Ana", "Souza", "ana@x.com"),
                crm("2", "Bruno", "Lima", "bruno@y.com"));
        run.run(handMade(crm, List.of(retail("r1", "Ana Souza", "ana@x.com", ""))), false);
        Map<String, String> ids = customerIds();
        String ana = ids.get("crm|customers|1");
        String bruno = ids.get("crm|customers|2");
        assertThat(ids.get("retail|orders|r1")).isEqualTo(ana);
        assertThat(bruno).isNotEqualTo(ana);

        // a purchase by Bruno's client id with Ana's email links both: a merge, Ana's (older) id survives
        run.run(handMade(crm, List.of(retail("r1", "Ana Souza", "ana@x.com", ""), retail("r2", "B Lima", "ana@x.com", "2"))), true);
        assertThat(Set.copyOf(customerIds().values())).containsExactly(ana);
        List<Row> merges = events("merge");
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).getString(1)).isEqualTo(ana);
        assertThat(merges.get(0).getList(2)).containsExactly(bruno);
        assertThat(merges.get(0).getString(4)).contains("same_email").contains("same_client_id");

        // corrected emails: Ana's CRM record stands alone; the larger part keeps the id
        run.run(handMade(crm, List.of(retail("r1", "Ana Souza", "other@z.com", ""), retail("r2", "B Lima", "other@z.com", "2"))), true);
        Map<String, String> now = customerIds();
        assertThat(now.get("crm|customers|2")).isEqualTo(ana);
        String split = now.get("crm|customers|1");
        assertThat(split).isNotEqualTo(ana).isNotEqualTo(bruno);
        List<Row> splits = events("split");
        assertThat(splits).hasSize(1);
        assertThat(splits.get(0).getString(1)).isEqualTo(ana);
        assertThat(splits.get(0).getList(2)).containsExactly(split);

        List<String> explanation = IdentityExplanation.explain(spark, ana);
        assertThat(explanation.get(0)).isEqualTo("customer " + ana + ": 3 record(s)");
        assertThat(String.join("\n", explanation))
                .contains("retail|orders|r2 ~ retail|orders|r1  by same_email (deterministic): email = other@z.com")
                .contains("retail|orders|r2 ~ crm|customers|2  by same_client_id (deterministic): client_id = 2");

        // Ana's CRM record leaves every source: the customer it made up alone is removed
        run.run(handMade(crm.subList(1, 2), List.of(retail("r1", "Ana Souza", "other@z.com", ""), retail("r2", "B Lima", "other@z.com", "2"))), true);
        List<Row> removals = events("removed");
        assertThat(removals).hasSize(1);
        assertThat(removals.get(0).getString(1)).isEqualTo(split);
        assertThat(removals.get(0).getLong(3)).as("its records").isEqualTo(1);
        assertThat(customerIds()).doesNotContainValue(split);
    }

    private static List<Row> events(String type) {
        return spark.table(IdentityStore.EVENTS).where(col("event_type").equalTo(type))
                .select("event_type", "customer_id", "related_ids", "records", "reason").collectAsList();
    }

    private static Map<IdentityMapping.SourceMapping, Dataset<Row>> handMade(List<Row> crm, List<Row> retail) {
        return Map.of(MAPPING.source("crm"), spark.createDataFrame(crm, SyntheticPeople.CRM),
                MAPPING.source("retail"), spark.createDataFrame(retail, SyntheticPeople.RETAIL));
    }

    private static Row crm(String id, String first, String last, String email) {
        return RowFactory.create(id, first, last, email, null, null, null, "Recife", "PE", null, null);
    }

    private static Row retail(String row, String name, String email, String client) {
        return RowFactory.create(row, name, email, "Recife", "Brazil", client);
    }
}
