package io.c360.app.lake;

import io.c360.app.C360Command;
import io.c360.app.bench.BenchScratch;
import io.c360.lake.bench.StageBenchmark;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "stage", description = "Time `transform stage` against a plain Spark read-raw/write-Parquet job "
        + "(the engine's floor) on the same raw files, and an incremental run over 1%% new data.")
public final class StageBenchCommand implements Runnable {

    @Option(names = "--customers", paramLabel = "N", description = "Land a synthetic raw zone of N customers in a fresh "
            + "workspace under --scratch (new or empty) first. Without it, the raw batches already in --workspace are used.")
    long customers;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the synthetic workspace and the floor's "
            + "output (default: a new temporary folder).")
    Path scratch;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        Progress progress = root.progress();
        Path dir = BenchScratch.folder(scratch, "stage");
        if (customers > 0 && Files.exists(dir.resolve("landing"))) {
            throw new IllegalArgumentException("--scratch " + dir + " holds the synthetic company of an earlier stage bench ("
                    + dir.resolve("landing") + "): --customers lands a fresh one, so give a new or empty folder");
        }
        C360Config config = customers > 0 ? BenchScratch.workspace(root.config(), dir) : root.config();
        StageBenchmark.Result r = new StageBenchmark(config, progress, dir).run(customers);
        System.out.printf(Locale.ROOT, "raw: %,d records, %,.1f MB%n", r.rawRecords(), r.rawBytes() / 1e6);
        System.out.printf(Locale.ROOT, "floor (read raw, write Parquet): %.1fs%n", r.floorSeconds());
        System.out.printf(Locale.ROOT, "transform stage, full:           %.1fs  = %.2f x floor (target <= 2.5)%n",
                r.fullSeconds(), r.fullToFloor());
        if (customers > 0) {
            System.out.printf(Locale.ROOT, "transform stage, 1%% new data:    %.1fs  = %.0f%% of full (target <= 15%%), %,d records read%n",
                    r.incrementalSeconds(), 100 * r.incrementalToFull(), r.incrementalRecords());
        }
    }
}
