package io.c360.app.pipeline;

import io.c360.app.C360Command;
import io.c360.pipeline.PipelineRun;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "run", description = {
        "Run the pipeline: ingest every source (in parallel) → stage → identity → analytics → publish,",
        "recorded in ops.pipeline_runs / ops.step_runs.",
        "Transient failures are retried with backoff; a failed step blocks only the steps that depend on it.",
        "Exit code 1 when a step failed; `c360 run --resume RUN_ID` then re-runs only what did not finish."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Re-run the failed and blocked steps of this run.")
    String resume;

    @Option(names = "--every", paramLabel = "DURATION", description = "Keep running on a schedule, e.g. 10m (Ctrl-C stops).")
    String every;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Compute the analytics as of this date (YYYY-MM-DD; default today in UTC).")
    java.time.LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        Duration interval = every == null ? null : Durations.parse(every, spec);
        C360Config config = asOf == null ? root.config() : root.config().with("pipeline.as-of", asOf.toString(), "flag --as-of");
        try (PlatformRuns runs = new PlatformRuns(config, progress)) {
            while (true) {
                PipelineRun run = resume == null ? runs.run() : runs.resume(resume);
                resume = null;
                report(run);
                if (interval == null) {
                    return run.succeeded() ? 0 : 1;
                }
                progress.info("next run in " + every + " (Ctrl-C stops)");
                Thread.sleep(interval.toMillis());
            }
        }
    }

    static void report(PipelineRun run) {
        RunsCommand.print(run, System.out);
        if (!run.succeeded()) {
            System.err.println("error: " + run.message() + "\n  resume with: c360 run --resume " + run.runId());
        }
    }
}
