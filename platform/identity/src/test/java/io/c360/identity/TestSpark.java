package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

/** The shared test setup: a small local Spark, and synthetic people normalized through the lake mapping. */
final class TestSpark {

    private TestSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder().master("local[2]").appName("identity-test")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    static Dataset<Row> records(SparkSession spark, IdentityMapping mapping, SyntheticPeople.Batch batch) {
        Map<String, Dataset<Row>> frames = batch.frames(spark);
        Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs = new LinkedHashMap<>();
        for (IdentityMapping.SourceMapping s : mapping.sources()) {
            inputs.put(s, frames.get(s.source()));
        }
        return PersonRecords.normalize(spark, mapping, inputs);
    }

    /** Truth keyed like the engine's uid: source|entity|record_key → person. */
    static Dataset<Row> truthByUid(SparkSession spark, SyntheticPeople.Batch batch) {
        return batch.truthFrame(spark).select(concat_ws("|", col("source"), col("entity"), col("record_key")).as("record_key"),
                col("person_id").as("entity"));
    }
}
