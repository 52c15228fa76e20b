package io.c360.app.scale;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.app.pipeline.PlatformRuns;
import io.c360.app.sources.PlanOptions;
import io.c360.app.sources.ServeCrmCommand;
import io.c360.pipeline.PipelineRun;
import io.c360.pipeline.StepRun;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigException;
import io.c360.runtime.FreePort;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.sources.CrmApiServer;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code c360 bench scale-out}: the whole pipeline on a local Spark standalone cluster with 1, 2, …
 * workers, on the same simulated company, to show how the steps scale with workers. Each worker
 * count gets a fresh workspace (its own catalog, raw zone and warehouse) reading the same sources.
 */
@Command(name = "scale-out", description = "Time the pipeline on a local Spark standalone cluster with 1, 2, ... workers.")
public final class ScaleOutBenchCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--workers", split = ",", defaultValue = "1,2", paramLabel = "N[,N...]",
            description = "Worker counts to run with (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--cores", defaultValue = "1", paramLabel = "C", description = "Cores per worker (default ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--worker-memory", defaultValue = "2g", paramLabel = "M", description = "Memory per worker and executor (default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the workspaces and cluster logs (default: a new temporary folder).")
    Path scratch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        if (config.find("spark.app-jar").isEmpty()) {
            throw new ConfigException("spark.app-jar is not set: build the application jar (mvn -DskipTests package) and run "
                    + "through ./c360, which sets it to app/target/c360-spark-app.jar");
        }
        Path dir = BenchScratch.folder(scratch, "scale-out");
        C360Config sources = config.with("workspace", dir.resolve("sources").toString(), "bench")
                .with("crm.url", "http://127.0.0.1:" + FreePort.find(), "bench");
        Map<Integer, PipelineRun> runs = new LinkedHashMap<>();
        try (SourceSystems systems = SourceSystems.open(sources, null);
             PostgresService sourcePostgres = PostgresService.open(sources)) {
            new HistoryGenerator(planOptions.plan(), sources.workspace(), systems.crm(), systems.core(), progress).generate();
            try (CrmApiServer crm = ServeCrmCommand.start(systems, sources, null, null, null)) {
                for (int n : workers) {
                    runs.put(n, runOnCluster(n, config, sources, sourcePostgres, dir, progress));
                }
            }
        }
        print(runs);
        progress.info("workspaces and Spark logs in " + dir);
        return runs.values().stream().allMatch(PipelineRun::succeeded) ? 0 : 1;
    }

    private PipelineRun runOnCluster(int n, C360Config config, C360Config sources, PostgresService sourcePostgres, Path dir,
                                     Progress progress) {
        Path ws = dir.resolve("run-" + n + "-workers");
        copyTree(sources.workspace().resolve("landing"), ws.resolve("landing"));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (LocalSparkCluster cluster = LocalSparkCluster.start(dir.resolve("cluster-" + n), LocalSparkCluster.sparkJarsOfThisProcess(),
                n, cores, memory)) {
            progress.info(n + " worker(s) of " + cores + " core(s) at " + cluster.masterUrl() + "; load average before: "
                    + String.format("%.2f", load));
            C360Config run = config.with("workspace", ws.toString(), "bench")
                    .with("warehouse", ws.resolve("warehouse").toString(), "bench")
                    .with("raw-zone", ws.resolve("raw").toString(), "bench")
                    .with("spark.master", cluster.masterUrl(), "bench")
                    .with("spark.conf.spark.executor.memory", memory, "bench")
                    .with("source-db.url", sourcePostgres.jdbcUrl("core_banking"), "bench")
                    .with("source-db.user", sourcePostgres.user(), "bench")
                    .with("crm.url", sources.get("crm.url"), "bench");
            try (PlatformRuns runs = new PlatformRuns(run, progress)) {
                return runs.run();
            }
        }
    }

    private static void print(Map<Integer, PipelineRun> runs) {
        List<Integer> counts = new ArrayList<>(runs.keySet());
        StringBuilder header = new StringBuilder(String.format("%-18s", "step"));
        counts.forEach(n -> header.append(String.format("%14s", n + " worker(s)")));
        if (counts.size() > 1) {
            header.append(String.format("%12s", "speed-up"));
        }
        System.out.println(header);
        PipelineRun first = runs.get(counts.get(0));
        for (StepRun step : first.steps()) {
            StringBuilder line = new StringBuilder(String.format("%-18s", step.step()));
            for (int n : counts) {
                line.append(String.format("%13.1fs", millisOf(runs.get(n), step.step()) / 1000.0));
            }
            if (counts.size() > 1) {
                long last = millisOf(runs.get(counts.get(counts.size() - 1)), step.step());
                line.append(String.format("%11.2fx", last == 0 ? 0 : (double) step.wallMillis() / last));
            }
            System.out.println(line);
        }
        StringBuilder total = new StringBuilder(String.format("%-18s", "whole run"));
        counts.forEach(n -> total.append(String.format("%13.1fs", wallSeconds(runs.get(n)))));
        if (counts.size() > 1) {
            total.append(String.format("%11.2fx", wallSeconds(first) / wallSeconds(runs.get(counts.get(counts.size() - 1)))));
        }
        System.out.println(total);
    }

    private static long millisOf(PipelineRun run, String step) {
        return run.steps().stream().filter(s -> s.step().equals(step)).mapToLong(StepRun::wallMillis).sum();
    }

    private static double wallSeconds(PipelineRun run) {
        return (run.finishedAt().toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
