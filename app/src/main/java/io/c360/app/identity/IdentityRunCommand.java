package io.c360.app.identity;

import io.c360.app.C360Command;
import io.c360.identity.IdentityMapping;
import io.c360.identity.IdentityResolver;
import io.c360.identity.LakeIdentityRun;
import io.c360.lake.LakeSession;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

@Command(name = "run", description = "Resolve the person records of the stage tables into analytics.customer_identity"
        + " (with identity_links, identity_events, identity_runs).")
final class IdentityRunCommand implements Runnable {

    @Option(names = "--incremental", description = "Only score pairs involving new or changed records (reuses the previous model and links).")
    boolean incremental;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Identity mapping (default: the built-in identity/mapping.yml).")
    Path mapping;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        IdentityMapping m = mapping == null ? IdentityMapping.lakeDefault() : IdentityMapping.load(mapping);
        SparkSession spark = LakeSession.open(root.config());
        try {
            IdentityResolver.Resolution r = new LakeIdentityRun(spark, m, progress).runOnStage(incremental);
            IdentityOutput.summary(r.stats()).forEach(System.out::println);
        } finally {
            spark.stop();
        }
    }
}
