package io.c360.app.identity;

import io.c360.app.C360Command;
import io.c360.identity.IdentityExplanation;
import io.c360.lake.LakeSession;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", description = "List a customer's records and the rule or per-field weights of each link that joined them.")
final class IdentityExplainCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "CUSTOMER_ID")
    String customerId;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SparkSession spark = LakeSession.open(C360Command.of(spec).config());
        try {
            IdentityExplanation.explain(spark, customerId).forEach(System.out::println);
        } finally {
            spark.stop();
        }
    }
}
