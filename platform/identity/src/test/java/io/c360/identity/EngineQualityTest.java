package io.c360.identity;

import io.c360.runtime.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** Match quality of the whole engine on synthetic people with known truth. */
class EngineQualityTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void resolvesSyntheticPeopleWithHighPrecisionAndRecall() {
        IdentityMapping mapping = IdentityMapping.lakeDefault();
        SyntheticPeople.Batch batch = new SyntheticPeople(42).people(0, 2000);
        Dataset<Row> records = TestSpark.records(spark, mapping, batch);
        IdentityResolver.Resolution result = new IdentityResolver(spark, mapping, Progress.silent())
                .resolve(records, null, false, null);

        PairwiseEvaluation.Scores scores = PairwiseEvaluation.evaluate(
                result.identities().select(col("uid").as("record_key"), col("customer_id").as("cluster")),
                TestSpark.truthByUid(spark, batch));
        scores.describe().forEach(System.out::println);
        System.out.println(result.stats());

        assertThat(scores.onlyInTruth()).isZero();
        assertThat(scores.precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(scores.recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(result.stats().candidatePairs()).isPositive();
    }
}
