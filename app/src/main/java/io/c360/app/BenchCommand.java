package io.c360.app;

import io.c360.app.serve.ServeBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Measure the performance of one area; figures go to BENCHMARKS.md.",
        subcommands = {
                ServeBenchCommand.class,
        })
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
