package io.c360.app.serve;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.runtime.C360Config;
import io.c360.serve.bench.ServeBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

@Command(name = "serve", description = {
        "Benchmark serving in a scratch workspace: profile publish, profile lookups over HTTP from a separate JVM",
        "(fixed rate and maximum rate) next to the same lookup over JDBC, and the SQL API on an aggregate."})
public final class ServeBenchCommand implements Runnable {

    @Option(names = "--customers", defaultValue = "100000", description = "Synthetic profiles to publish (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rate", defaultValue = "1000", description = "Fixed request rate per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "15", description = "Seconds per load phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--connections", defaultValue = "8", description = "Connections at the fixed rate (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--max-connections", defaultValue = "16", description = "Connections for the maximum rate (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--sql-rows", defaultValue = "100000", description = "Rows of the customer_360-like table (default ${DEFAULT-VALUE}).")
    int sqlRows;

    @Option(names = "--sql-runs", defaultValue = "10", description = "Measured SQL API runs (default ${DEFAULT-VALUE}).")
    int sqlRuns;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Path scratch = BenchScratch.folder(null, "serve");
        C360Config config = BenchScratch.workspace(root.config(), scratch);
        try {
            Map<String, String> results = new ServeBench(config, new ServeBench.Options(customers, rate, seconds, connections,
                    maxConnections, sqlRows, sqlRuns), root.progress()).run();
            System.out.println("c360 bench serve (" + Runtime.getRuntime().availableProcessors() + " cores)");
            results.forEach((k, v) -> System.out.printf("  %-26s %s%n", k, v));
        } catch (Exception e) {
            throw new IllegalStateException("serving benchmark failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the scratch workspace " + dir + ": " + e.getMessage());
        }
    }
}
