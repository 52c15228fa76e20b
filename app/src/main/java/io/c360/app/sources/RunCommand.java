package io.c360.app.sources;

import io.c360.app.C360Command;
import io.c360.runtime.C360Config;
import io.c360.sources.ContinuousSimulator;
import io.c360.sources.CrmApiServer;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.time.Duration;

@Command(mixinStandardHelpOptions = true, name = "run", description = "Continuous mode: every interval, one more business day of new and changed records "
        + "in every source system; serves the CRM API meanwhile. Needs a generated history.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--every", defaultValue = "1m", paramLabel = "DURATION", description = "Interval between ticks, e.g. 30s, 1m, 10m (default ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--ticks", defaultValue = "0", paramLabel = "K", description = "Stop after K ticks (default: run until stopped).")
    long ticks;

    @Option(names = "--schema-drift", description = "From now on CRM records carry an extra field (loyalty_tier).")
    boolean schemaDrift;

    @Option(names = "--no-serve", description = "Do not serve the CRM API while running.")
    boolean noServe;

    @Option(names = "--port", paramLabel = "PORT", description = "CRM API port (default: the port of crm.url).")
    Integer port;

    @Option(names = "--source-db", paramLabel = "JDBC_URL", description = "Core-banking database (default as for generate).")
    String sourceDb;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Duration interval = io.c360.app.pipeline.Durations.parse(every, spec);
        try (io.c360.app.StopOnSignal stop = new io.c360.app.StopOnSignal();
             SourceSystems systems = SourceSystems.open(config, sourceDb);
             CrmApiServer server = noServe ? null : ServeCrmCommand.start(systems, config, null, port, null)) {
            if (server != null) {
                root.progress().info("CRM API on " + server.baseUrl() + CrmApiServer.PATH);
            }
            try {
                new ContinuousSimulator(config.workspace(), systems.crm(), systems.core(), root.progress(), schemaDrift)
                        .run(ticks, interval, Clock.systemUTC());
            } catch (InterruptedException stopRequested) {
                root.progress().info("stopped");
            } finally {
                Thread.interrupted(); // a stop signal is consumed here, so that the resources close normally
            }
        }
        return 0;
    }
}
