package io.c360.app;

import io.c360.app.pipeline.PlatformRuns;
import io.c360.app.pipeline.RunsCommand;
import io.c360.app.sources.ServeCrmCommand;
import io.c360.pipeline.PipelineRun;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.sources.ChaosSettings;
import io.c360.sources.ContinuousSimulator;
import io.c360.sources.CrmApiServer;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SimulationPlan;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The README's first command: simulate a company, run the pipeline on it, then keep the
 * simulator and the scheduled pipeline running until Ctrl-C.
 */
@Command(name = "demo", description = {
        "Simulate a company (first time only), run the whole pipeline on it, then keep the simulator",
        "ticking and the pipeline running on a schedule until Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "3000", paramLabel = "N", description = "People in the simulated company (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the simulation (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--every", defaultValue = "2m", paramLabel = "DURATION", description = "Simulator tick and pipeline schedule (default ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--runs", defaultValue = "0", paramLabel = "K", description = "Stop after K pipeline runs (default: until Ctrl-C).")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        Duration interval = io.c360.app.pipeline.Durations.parse(every, spec);
        progress.info("c360 demo in " + config.workspace());
        try (StopOnSignal stop = new StopOnSignal();
             SourceSystems systems = SourceSystems.open(config, null);
             CrmApiServer crm = ServeCrmCommand.start(systems, config, null, null, null)) {
            if (!Files.exists(config.workspace().resolve("truth/simulation.json"))) {
                new HistoryGenerator(new SimulationPlan(customers, seed, 12, SimulationPlan.DEFAULT_END_DATE,
                        ChaosSettings.defaults(), false), config.workspace(), systems.crm(), systems.core(), progress).generate();
            } else {
                progress.info("reusing the simulated company already in the workspace");
            }
            ContinuousSimulator simulator = new ContinuousSimulator(config.workspace(), systems.crm(), systems.core(), progress, false);
            try (PlatformRuns pipeline = new PlatformRuns(config, progress);
                 DemoConsole console = new DemoConsole(config, pipeline.spark())) {
                for (int n = 1; ; n++) {
                    PipelineRun run = pipeline.run();
                    RunsCommand.print(run, System.out);
                    if (n == 1) {
                        printWhereToLook(config, crm, console);
                    }
                    if (runs > 0 && n >= runs) {
                        return run.succeeded() ? 0 : 1;
                    }
                    progress.info("next simulator tick and pipeline run in " + every + " (Ctrl-C stops)");
                    Thread.sleep(interval.toMillis());
                    simulator.tick(Clock.systemUTC().instant());
                }
            } catch (InterruptedException stopRequested) {
                progress.info("stopping: simulator, pipeline and the embedded PostgreSQL");
                Thread.interrupted();
                return 0;
            }
        }
    }

    private static void printWhereToLook(C360Config config, CrmApiServer crm, DemoConsole console) {
        System.out.println();
        System.out.println("Console:   " + console.url() + "   (log in with the admin key below)");
        System.out.println("Admin key: " + console.adminKey());
        System.out.println("Lake:      " + config.workspace() + "    CRM API: " + crm.baseUrl() + CrmApiServer.PATH);
        System.out.println("Try the SQL editor of the console, or in another terminal:");
        System.out.println("  ./c360 sql \"SELECT count(*) AS customers, count(DISTINCT email) AS emails FROM stage.stg_crm__customers\"");
        System.out.println("  ./c360 sql \"SELECT type, count(*) AS n, round(sum(amount), 2) AS total FROM stage.stg_core__transactions GROUP BY type\"");
        System.out.println("  ./c360 sql \"SELECT reason, count(*) AS n FROM stage.quarantine GROUP BY reason ORDER BY n DESC LIMIT 5\"");
        System.out.println("  ./c360 runs        ./c360 dq");
        System.out.println();
    }
}
