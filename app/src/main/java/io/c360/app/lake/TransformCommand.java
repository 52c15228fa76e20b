package io.c360.app.lake;

import io.c360.app.C360Command;
import io.c360.governance.openlineage.LineageRecorder;
import io.c360.lake.LakeSession;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.RunOptions;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "transform", description = "Build a lake zone from raw with its SQL models (models/<zone>/*.sql + *.yml).")
public final class TransformCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to build: stage or analytics.")
    String zone;

    @Option(names = "--replay-quarantine", description = "Re-read the raw batches that have open quarantine records "
            + "(after fixing the raw file or the model's rules).")
    boolean replayQuarantine;

    @Option(names = "--reprocess", description = "Re-read every raw batch, processed or not, and rebuild models built by key whole (the result is the same; slow).")
    boolean reprocess;

    @Option(names = "--select", split = ",", paramLabel = "MODEL", description = "Only these models, e.g. --select stg_crm__customers.")
    List<String> select;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Compute the models as of this date (YYYY-MM-DD, default "
            + "today in UTC): {{ var('as_of') }} in the SQL; the analytics windows (3/6/12 months) end on it.")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        SparkSession spark = LakeSession.open(config);
        try {
            ModelProject project = ModelProject.fromClasspath(zone);
            if (select != null && !select.isEmpty()) {
                project = project.select(select);
            }
            ModelRunner runner = ModelRunner.of(config, spark, progress, LineageRecorder.from(spark, config, progress));
            LocalDate date = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
            List<ModelRun> runs = runner.run(project, new RunOptions(replayQuarantine, reprocess, Map.of("as_of", date.toString())));
            long failed = runs.stream().filter(ModelRun::failed).count();
            long quarantined = runs.stream().mapToLong(ModelRun::quarantined).sum();
            progress.info(zone + ": " + runs.size() + " models, " + Progress.formatCount(quarantined) + " records quarantined"
                    + (failed > 0 ? ", " + failed + " failed their tests (see c360 dq)" : ""));
            return failed > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }
}
