package io.c360.app.bench;

import io.c360.app.C360Command;
import io.c360.app.pipeline.PlatformRuns;
import io.c360.app.sources.ServeCrmCommand;
import io.c360.pipeline.PipelineRun;
import io.c360.pipeline.StepRun;
import io.c360.runtime.C360Config;
import io.c360.runtime.FreePort;
import io.c360.runtime.Progress;
import io.c360.sources.ChaosSettings;
import io.c360.sources.ContinuousSimulator;
import io.c360.sources.CrmApiServer;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SimulationPlan;
import io.c360.sources.SourceCounts;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

@Command(mixinStandardHelpOptions = true, name = "pipeline", description = {
        "For each size: simulate a company in a scratch workspace (not timed), run the whole pipeline on it,",
        "then one simulator tick (about 1%% of customers change) and an incremental run. Prints per-step and",
        "total wall time, rows, rows/s and peak memory as a BENCHMARKS.md section."})
final class BenchPipelineCommand implements Callable<Integer> {

    @Option(names = "--customers", split = ",", defaultValue = "10000,100000", paramLabel = "N[,N...]",
            description = "Company sizes, one scratch workspace each (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the simulation (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Keep the scratch workspaces here (one folder per size; an existing "
            + "simulation there is reused) instead of a temporary folder.")
    Path scratch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        Path dir = BenchScratch.folder(scratch, "pipeline");
        boolean allSucceeded = true;
        for (int customers : sizes) {
            C360Config config = BenchScratch.workspace(root.config(), dir.resolve("customers-" + customers))
                    .with("crm.url", "http://127.0.0.1:" + FreePort.find(), "bench");
            allSucceeded &= measure(config, customers, root.progress());
        }
        root.progress().info("scratch workspaces in " + dir);
        return allSucceeded ? 0 : 1;
    }

    private boolean measure(C360Config config, int customers, Progress progress) throws Exception {
        try (SourceSystems systems = SourceSystems.open(config, null);
             CrmApiServer crm = ServeCrmCommand.start(systems, config, null, null, null)) {
            if (!Files.exists(config.workspace().resolve("truth/simulation.json"))) {
                new HistoryGenerator(new SimulationPlan(customers, seed, 12, SimulationPlan.DEFAULT_END_DATE,
                        ChaosSettings.defaults(), false), config.workspace(), systems.crm(), systems.core(), progress).generate();
            }
            ProcessMemory.resetPeakHeap();
            try (PlatformRuns runs = new PlatformRuns(config, progress)) {
                PipelineRun full = runs.run();
                long heapFull = ProcessMemory.peakHeapMiB();
                SourceCounts tick = new ContinuousSimulator(config.workspace(), systems.crm(), systems.core(), progress, false)
                        .tick(Instant.now());
                PipelineRun incremental = runs.run();
                System.out.println(report(customers, full, incremental, tick, heapFull));
                return full.succeeded() && incremental.succeeded();
            }
        }
    }

    private static String report(int customers, PipelineRun full, PipelineRun incremental, SourceCounts tick, long heapFullMiB) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n### %,d customers (%s, %d cores, JVM max heap %d MiB)%n%n", customers, LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        sb.append("| step | full: wall s | rows in | rows out | rows out/s | incremental: wall s | rows in | rows out |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, StepRun> after = incremental.steps().stream().collect(Collectors.toMap(StepRun::step, Function.identity()));
        for (StepRun step : full.steps()) {
            StepRun inc = after.get(step.step());
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %,d | %,d | %,.0f | %s | %s | %s |%n", step.step(), step.wallMillis() / 1e3,
                    step.rowsIn(), step.rowsOut(), step.rowsOut() * 1e3 / Math.max(1, step.wallMillis()),
                    inc == null ? "-" : String.format(Locale.ROOT, "%.1f", inc.wallMillis() / 1e3),
                    inc == null ? "-" : String.format(Locale.ROOT, "%,d", inc.rowsIn()),
                    inc == null ? "-" : String.format(Locale.ROOT, "%,d", inc.rowsOut())));
        }
        double fullSeconds = seconds(full);
        double incSeconds = seconds(incremental);
        sb.append(String.format(Locale.ROOT, "| **total** (%s) | **%.1f** | | | | **%.1f** (%s) | | |%n%n", full.status(), fullSeconds,
                incSeconds, incremental.status()));
        sb.append(String.format(Locale.ROOT, "Incremental run after one simulator tick (%s): %.1f s = %.0f%% of the full run.%n",
                tick.summary(), incSeconds, 100 * incSeconds / fullSeconds));
        sb.append(String.format(Locale.ROOT, "Peak JVM heap during the full run (sum of the heap pools' peaks) %,d MiB; peak process RSS (both runs) %s.%n",
                heapFullMiB, ProcessMemory.peakRss()));
        return sb.toString();
    }

    private static double seconds(PipelineRun run) {
        return Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1e3;
    }
}
