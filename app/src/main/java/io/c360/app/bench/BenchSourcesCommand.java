package io.c360.app.bench;

import io.c360.app.C360Command;
import io.c360.app.sources.PlanOptions;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SimulationPlan;
import io.c360.sources.SourceCounts;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(mixinStandardHelpOptions = true, name = "sources", description = "Time `sources generate` in a scratch workspace and print records per second "
        + "per source, total time and peak memory as a BENCHMARKS.md section.")
final class BenchSourcesCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--keep", description = "Keep the scratch workspace (printed) instead of deleting it.")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        Path scratch = Files.createTempDirectory("c360-bench-sources-");
        C360Config config = root.config().with("workspace", scratch.toString(), "bench scratch workspace");
        SimulationPlan plan = planOptions.plan();
        Progress progress = root.progress();
        ProcessMemory.resetPeakHeap();
        SourceCounts counts;
        try (SourceSystems systems = SourceSystems.open(config, null)) {
            counts = new HistoryGenerator(plan, scratch, systems.crm(), systems.core(), progress).generate();
        }
        System.out.println(report(plan, counts));
        if (keep) {
            progress.info("scratch workspace kept: " + scratch);
        } else {
            delete(scratch);
        }
        return 0;
    }

    private static String report(SimulationPlan plan, SourceCounts counts) {
        double seconds = counts.nanos() / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### `c360 bench sources --customers %d --months %d --seed %d` (%s)%n%n",
                plan.customers(), plan.months(), plan.seed(), LocalDate.now()));
        sb.append(String.format(Locale.ROOT, "Machine: %d cores, JVM max heap %d MiB. Total time %.1f s; peak JVM heap %d MiB;"
                        + " peak process RSS %s.%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, seconds, ProcessMemory.peakHeapMiB(), ProcessMemory.peakRss()));
        sb.append("| source | records | records/s (over the whole run) |\n|---|---:|---:|\n");
        counts.records().forEach((source, n) -> sb.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f |%n", source, n, n / seconds)));
        return sb.toString();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
