package io.c360.app.bench;

import io.c360.app.lake.StageBenchCommand;
import io.c360.app.identity.BenchIdentityCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Measure the performance of one area (figures go to BENCHMARKS.md).",
        subcommands = {
                BenchSourcesCommand.class,
                BenchPipelineCommand.class,
                BenchIngestCommand.class,
                StageBenchCommand.class,
                io.c360.app.analytics.AnalyticsBenchCommand.class,
                BenchIdentityCommand.class,
                io.c360.app.serve.ServeBenchCommand.class,
                io.c360.app.governance.GovernanceBenchCommand.class,
                io.c360.app.governance.BenchEraseCommand.class,
                io.c360.app.scale.ScaleOutBenchCommand.class,
        })
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
