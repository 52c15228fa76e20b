package io.c360.app.pipeline;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.pipeline.IcebergRunHistory;
import io.c360.pipeline.PipelineRun;
import io.c360.pipeline.StepRun;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.List;

@Command(name = "runs", description = "List recent pipeline runs with per-step timing; `runs show ID` shows one.",
        subcommands = RunsCommand.Show.class)
public final class RunsCommand implements Runnable {

    @Option(names = "--limit", defaultValue = "10", description = "How many runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        withHistory(spec, history -> {
            List<PipelineRun> runs = history.recent(limit);
            if (runs.isEmpty()) {
                System.out.println("no pipeline runs yet: start one with `c360 run`");
            }
            runs.forEach(r -> print(r, System.out));
        });
    }

    @Command(name = "show", description = "Show one run and its steps.")
    static final class Show implements Runnable {
        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            withHistory(spec, history -> print(history.find(runId).orElseThrow(
                    () -> new IllegalArgumentException("no pipeline run '" + runId + "' (see `c360 runs`)")), System.out));
        }
    }

    static void withHistory(CommandSpec spec, java.util.function.Consumer<IcebergRunHistory> action) {
        SparkSession spark = LakeSession.open(C360Command.of(spec).config());
        try {
            action.accept(new IcebergRunHistory(spark));
        } finally {
            spark.stop();
        }
    }

    public static void print(PipelineRun run, PrintStream out) {
        long wall = run.finishedAt() == null ? 0 : run.finishedAt().toEpochMilli() - run.startedAt().toEpochMilli();
        out.printf("%s  %-9s  started %s  %s%n", run.runId(), run.status(), run.startedAt(),
                wall > 0 ? Progress.duration(wall * 1_000_000) : "");
        if (!run.message().isEmpty()) {
            out.println("  " + run.message());
        }
        for (StepRun s : run.steps()) {
            out.printf("  %-22s %-9s %8s  spark %8s  rows in %,12d  out %,12d  attempts %d  %s%n", s.step(),
                    s.status().label(), Progress.duration(s.wallMillis() * 1_000_000),
                    Progress.duration(s.sparkJobMillis() * 1_000_000), s.rowsIn(), s.rowsOut(), s.attempts(), s.message());
        }
    }
}
