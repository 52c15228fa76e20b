package io.c360.identity;

import io.c360.lake.Cpf;
import io.c360.runtime.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine on small hand-made inputs: components, evaluation, guards. */
class SparkEngineTest {

    private static SparkSession spark;
    private static final StructType KEYED = new StructType().add("record_key", DataTypes.StringType).add("cluster", DataTypes.StringType);
    private static final StructType TRUTH = new StructType().add("record_key", DataTypes.StringType).add("entity", DataTypes.StringType);

    @BeforeAll
    static void start() {
        spark = TestSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void connectedComponentsLabelEveryNodeWithTheSmallestOfItsComponent() {
        // a long chain built from its far end, a star, and an isolated node (31 + 4 + 1 nodes)
        List<int[]> edges = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            edges.add(new int[]{i + 1, i});
        }
        edges.add(new int[]{32, 31});
        edges.add(new int[]{31, 33});
        edges.add(new int[]{34, 33});
        int[] labels = ConnectedComponents.label(36, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray(), null);
        assertThat(labels[30]).isZero();
        assertThat(labels[17]).isZero();
        assertThat(labels[34]).isEqualTo(31);
        assertThat(labels[35]).isEqualTo(35);
        boolean[] withoutTheStar = new boolean[edges.size()];
        java.util.Arrays.fill(withoutTheStar, 0, 30, true);
        assertThat(ConnectedComponents.label(36, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray(), withoutTheStar)[34]).isEqualTo(34);
    }

    @Test
    void pairwiseEvaluationOfAHandMadeClustering() {
        // truth: {a,b,c} {d,e} {f}; clusters: {a,b} {c,d,e} {f}
        Dataset<Row> truth = spark.createDataFrame(List.of(t("a", "1"), t("b", "1"), t("c", "1"), t("d", "2"), t("e", "2"), t("f", "3"), t("g", "4")), TRUTH);
        Dataset<Row> clusters = spark.createDataFrame(List.of(t("a", "X"), t("b", "X"), t("c", "Y"), t("d", "Y"), t("e", "Y"), t("f", "Z"), t("h", "W")), KEYED);
        PairwiseEvaluation.Scores s = PairwiseEvaluation.evaluate(clusters, truth);
        // predicted pairs: ab, cd, ce, de = 4; true pairs: ab, ac, bc, de = 4; correct: ab, de = 2
        assertThat(s.predictedPairs()).isEqualTo(4);
        assertThat(s.truePairs()).isEqualTo(4);
        assertThat(s.correctPairs()).isEqualTo(2);
        assertThat(s.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(s.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(s.f1()).isCloseTo(0.5, within(1e-9));
        assertThat(s.records()).isEqualTo(6);
        assertThat(s.onlyInTruth()).isEqualTo(1);
        assertThat(s.onlyInClusters()).isEqualTo(1);
        assertThat(s.clusters()).isEqualTo(3);
        assertThat(s.largestClusters().get(0)).isEqualTo(new PairwiseEvaluation.ClusterSize("Y", 3, 2));
    }

    @Test
    void giantClustersAndUntrustedValuesAreReportedNotMerged() {
        IdentityMapping lake = IdentityMapping.lakeDefault();
        IdentityMapping.MatchSettings s = lake.settings();
        IdentityMapping small = new IdentityMapping(lake.origin(), lake.sources(), lake.deterministic(), lake.blocking(),
                lake.comparisons(), new IdentityMapping.MatchSettings(s.matchProbability(), s.maxBlockSize(), 3, s.cpfNationalIds(), s.emIterations(),
                        s.neverMatchIfDifferent()),
                lake.survivorship());
        SyntheticPeople.Batch batch = new SyntheticPeople(3).people(0, 150);
        // 30 different people sharing one placeholder email
        List<Row> crm = new ArrayList<>(batch.crm());
        for (int i = 0; i < 30; i++) {
            crm.add(RowFactory.create("9" + i, "Name" + (char) ('a' + i % 26), "Other" + i, "noemail@none.com", null, null, null, "Recife", "PE", null, null));
        }
        SyntheticPeople.Batch withPlaceholder = new SyntheticPeople.Batch(crm, batch.dispositions(), batch.retail(), batch.visitors(), batch.truth());
        IdentityResolver.Resolution r = new IdentityResolver(spark, small, Progress.silent())
                .resolve(TestSpark.records(spark, small, withPlaceholder), null, false, null);

        assertThat(r.stats().largestCluster()).isLessThanOrEqualTo(3);
        assertThat(r.stats().warnings()).anySatisfy(w -> assertThat(w).contains("same_email").contains("noemail@none.com").contains("not trusted"));
        assertThat(r.stats().warnings()).anySatisfy(w -> assertThat(w).contains("exceeds max-cluster-size 3"));
        long placeholderCustomers = r.identities().where("source = 'crm' and record_key like '9%' and length(record_key) <= 3")
                .select("customer_id").distinct().count();
        assertThat(placeholderCustomers).isEqualTo(30);
    }

    @Test
    void aHouseholdEmailDoesNotJoinPeopleWhoseCpfOrBirthDateDiffer() {
        IdentityMapping mapping = IdentityMapping.lakeDefault();
        List<Row> crm = List.of(
                RowFactory.create("1", "Marcos", "Barreto", "mbarreto@gmail.com", null, cpf("111444777"), "1970-03-02", "Recife", "PE", null, null),
                RowFactory.create("2", "Marta", "Barreto", "mbarreto@gmail.com", null, cpf("222555888"), "1975-09-14", "Recife", "PE", null, null),
                // one person entered twice: same e-mail, same CPF, a typo in the first name
                RowFactory.create("3", "Joana", "Lima", "joana.lima@uol.com.br", null, cpf("333666999"), "1988-01-20", "Natal", "RN", null, null),
                RowFactory.create("4", "Joanna", "Lima", "joana.lima@uol.com.br", null, cpf("333666999"), "1988-01-20", "Natal", "RN", null, null));
        SyntheticPeople.Batch batch = new SyntheticPeople.Batch(crm, List.of(), List.of(), List.of(), List.of());
        IdentityResolver.Resolution r = new IdentityResolver(spark, mapping, Progress.silent())
                .resolve(TestSpark.records(spark, mapping, batch), null, false, null);

        Map<String, String> customer = new HashMap<>();
        r.identities().where("source = 'crm'").collectAsList().forEach(row -> customer.put(row.getAs("record_key"), row.getAs("customer_id")));
        assertThat(customer.get("1")).as("Marcos and Marta share an e-mail but not a CPF").isNotEqualTo(customer.get("2"));
        assertThat(customer.get("3")).as("Joana entered twice").isEqualTo(customer.get("4"));
    }

    @Test
    void aRecordKeySeenTwiceIsOneRecordTheSmallestOfItsRows() {
        IdentityMapping mapping = IdentityMapping.lakeDefault();
        List<Row> retail = List.of(
                RowFactory.create("r1", "Bruna Souza", "bruna@x.com", "Recife", "Brazil", null),
                RowFactory.create("r1", "Ana Souza", "ana@x.com", "Recife", "Brazil", null),
                RowFactory.create("r2", "Caio Lima", "caio@x.com", "Natal", "Brazil", null));
        SyntheticPeople.Batch batch = new SyntheticPeople.Batch(List.of(), List.of(), retail, List.of(), List.of());
        List<Row> rows = TestSpark.records(spark, mapping, batch).where("source = 'retail'").collectAsList();
        Map<String, Row> records = new HashMap<>();
        rows.forEach(r -> records.put(r.getAs("record_key"), r));

        assertThat(rows).hasSize(2);
        assertThat(records).containsOnlyKeys("r1", "r2");
        assertThat(records.get("r1").<String>getAs("first_name")).isEqualTo("ana");
        assertThat(records.get("r1").<String>getAs("email")).isEqualTo("ana@x.com");
        assertThat(records.get("r2").<String>getAs("last_name")).isEqualTo("lima");
    }

    @Test
    void plainTextGivesWhatSparksFunctionsGaveForNamesAndAddresses() {
        List<String> values = List.of("  José  da SILVA ", "MARIA\tCONCEIÇÃO", "Ângela-Önal", "d'Ávila 12", "Rua 7 de Setembro, 1.000",
                "   ", "", "ÇÑÝ ñ", "o'brien  jr.", "Straße", "İzmir", "x\u00a0y", "ÀÈÌÒÙ àèìòù ÂÊÎÔÛ", "a   b   c");
        Dataset<Row> frame = spark.createDataFrame(values.stream().map(v -> RowFactory.create(v)).toList(),
                new StructType().add("v", DataTypes.StringType));
        String plain = "translate(lower(trim(v)), 'áàâãäåéèêëíìîïóòôõöúùûüçñý', 'aaaaaaeeeeiiiiooooouuuucny')";
        List<Row> expected = frame.selectExpr("v",
                "nullif(trim(regexp_replace(regexp_replace(" + plain + ", '[^a-z ]', ''), ' +', ' ')), '')",
                "nullif(trim(regexp_replace(regexp_replace(" + plain + ", '[^a-z0-9 ]', ''), ' +', ' ')), '')").collectAsList();
        for (Row r : expected) {
            assertThat(PlainText.of(r.getString(0), false)).as("name %s", r.getString(0)).isEqualTo(r.getString(1));
            assertThat(PlainText.of(r.getString(0), true)).as("text %s", r.getString(0)).isEqualTo(r.getString(2));
        }
    }

    /** A valid CPF from its first nine digits. */
    private static String cpf(String nine) {
        String ten = nine + Cpf.checkDigit(nine, 9);
        return ten + Cpf.checkDigit(ten, 10);
    }

    private static Row t(String key, String value) {
        return RowFactory.create(key, value);
    }
}
