package io.c360.app.evaluate;

import io.c360.app.identity.EvaluateIdentityCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", description = "Compare results with the ground truth.",
        subcommands = {
                EvaluateIdentityCommand.class,
        })
public final class EvaluateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
