package io.c360.app.identity;

import io.c360.app.C360Command;
import io.c360.identity.IdentityStore;
import io.c360.identity.PairwiseEvaluation;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

@Command(name = "identity", description = "Pairwise precision, recall and F1 of the customer clusters against ground truth,"
        + " and what a plain client_id join scores.")
public final class EvaluateIdentityCommand implements Runnable {

    @Option(names = "--truth", paramLabel = "FILE", description = "Truth CSV source,entity,record_key,person_id (default <workspace>/truth/records.csv).")
    Path truth;

    @Option(names = "--clusters", paramLabel = "FILE",
            description = "Clusters CSV source,entity,record_key,cluster_id (from `identity resolve`); default: analytics.customer_identity.")
    Path clusters;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Config config = C360Command.of(spec).config();
        Path truthFile = truth != null ? truth : Path.of(config.get("workspace"), "truth", "records.csv");
        if (!Files.isRegularFile(truthFile)) {
            throw new IllegalArgumentException("truth file " + truthFile + " does not exist (the simulator writes it; or pass --truth)");
        }
        SparkSession spark = LakeSession.open(config);
        try {
            Dataset<Row> truthRows = csv(spark, truthFile).select(key(), col("person_id").as("entity"));
            if (clusters != null) {
                report("clusters of " + clusters, PairwiseEvaluation.evaluate(csv(spark, clusters).select(key(), col("cluster_id").as("cluster")), truthRows));
                return;
            }
            Dataset<Row> identity = spark.table(IdentityStore.IDENTITY);
            report("identity resolution (" + IdentityStore.IDENTITY + ")",
                    PairwiseEvaluation.evaluate(identity.select(col("uid").as("record_key"), col("customer_id").as("cluster")), truthRows));
            if (Arrays.asList(identity.columns()).contains("key_client_id")) {
                report("baseline: plain client_id join",
                        PairwiseEvaluation.evaluate(identity.select(col("uid").as("record_key"),
                                coalesce(col("key_client_id"), col("uid")).as("cluster")), truthRows));
            }
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> csv(SparkSession spark, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file " + file + " does not exist");
        }
        return spark.read().option("header", "true").csv(file.toString());
    }

    private static org.apache.spark.sql.Column key() {
        return concat_ws("|", col("source"), col("entity"), col("record_key")).as("record_key");
    }

    private static void report(String title, PairwiseEvaluation.Scores scores) {
        System.out.println(title + ":");
        scores.describe().forEach(l -> System.out.println("  " + l));
    }
}
