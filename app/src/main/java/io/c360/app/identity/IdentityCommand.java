package io.c360.app.identity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "identity", description = "Identity resolution: link person records of all sources into customers.",
        subcommands = {
                IdentityRunCommand.class,
                IdentityResolveCommand.class,
                IdentityExplainCommand.class,
        })
public final class IdentityCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
