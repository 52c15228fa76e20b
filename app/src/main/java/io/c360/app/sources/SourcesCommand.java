package io.c360.app.sources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "sources",
        description = "The simulated company: its source systems (CRM API, core-banking database, file drops).",
        subcommands = {GenerateCommand.class, ServeCrmCommand.class, RunCommand.class})
public final class SourcesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
