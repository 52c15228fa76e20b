package io.c360.app;

import io.c360.runtime.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints failures as one readable line ("error: ...") with the chain of causes; the stack trace
 * only with --verbose.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.hasMatchedOption("-v")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        if (verbose) {
            ex.printStackTrace(System.err);
        }
        System.err.println("error: " + describe(ex));
        if (!verbose && !(ex instanceof ConfigException)) {
            System.err.println("(run with --verbose for the stack trace)");
        }
        return ex instanceof ConfigException ? 2 : 1;
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append("\n  caused by: ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
