package io.c360.app.bench;

import io.c360.app.identity.BenchIdentityCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Measure the performance of one area; record the figures in BENCHMARKS.md.",
        subcommands = {
                BenchIdentityCommand.class,
        })
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
