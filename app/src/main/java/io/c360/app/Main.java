package io.c360.app;

import picocli.CommandLine;

/** Entry point of the {@code c360} command (see the launcher script at the repository root). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; used by the end-to-end tests too. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new C360Command());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
