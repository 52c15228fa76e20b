package io.c360.app.sources;

import io.c360.app.C360Command;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.sources.HistoryGenerator;
import io.c360.sources.SourceCounts;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "generate", description = "Write the full history of the simulated company: CRM store, core-banking "
        + "transactions, file drops in landing/, ground truth in truth/.")
final class GenerateCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--source-db", paramLabel = "JDBC_URL", description = "Core-banking database whose transactions table is replaced (default: core_banking on the embedded PostgreSQL, or source-db.url).")
    String sourceDb;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        try (SourceSystems systems = SourceSystems.open(config, sourceDb)) {
            SourceCounts counts = new HistoryGenerator(planOptions.plan(), config.workspace(), systems.crm(), systems.core(), progress).generate();
            progress.info("generated in " + Progress.duration(counts.nanos()) + ": " + counts.summary());
        }
        return 0;
    }
}
