package io.c360.app.analytics;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.serve.publish.AnalyticsRunGate;
import io.c360.serve.publish.Customer360Publisher;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "publish", description = "Publish customer_360 to the profile store (PostgreSQL): atomically, only the "
        + "changed profiles, as a new version naming the analytics run it serves. Refuses when that run failed a quality test.")
public final class PublishCommand implements Callable<Integer> {

    @Option(names = "--run-id", paramLabel = "ID", description = "Record this pipeline run id on the version instead of "
            + "the latest analytics run (the quality gate still applies to the latest analytics run).")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        SparkSession spark = LakeSession.open(config);
        try (PostgresService postgres = PostgresService.open(config)) {
            String analyticsRun;
            try {
                analyticsRun = new AnalyticsRunGate(spark).passedRun();
            } catch (IllegalStateException e) {
                progress.info(e.getMessage());
                return 1;
            }
            ProfileStore store = ProfileStore.open(postgres);
            ProfileVersion v;
            try (Progress.Step step = progress.start("publish analytics.customer_360 → profile store", "profiles")) {
                v = new Customer360Publisher(spark, store).publish(runId != null ? runId : analyticsRun, step);
                step.done("version " + v.version() + " of run " + v.runId() + ": " + Progress.formatCount(v.customers())
                        + " profiles, " + Progress.formatCount(v.inserted()) + " new, " + Progress.formatCount(v.updated())
                        + " changed, " + Progress.formatCount(v.deleted()) + " removed");
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
