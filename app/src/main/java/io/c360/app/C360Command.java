package io.c360.app;

import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.Progress;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "c360", scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "c360 0.1.0-SNAPSHOT",
        description = "Customer 360 data platform: sources, lake, identity, serving.",
        subcommands = {
                DemoCommand.class,
                ConfigCommand.class,
                SqlCommand.class,
                io.c360.app.pipeline.RunCommand.class,
                io.c360.app.pipeline.RunsCommand.class,
                io.c360.app.ingest.IngestCommand.class,
                io.c360.app.sources.SourcesCommand.class,
                io.c360.app.lake.TransformCommand.class,
                io.c360.app.lake.DqCommand.class,
                io.c360.app.bench.BenchCommand.class,
                io.c360.app.serve.ServeCommand.class,
                io.c360.app.serve.KeysCommand.class,
                io.c360.app.serve.AuditCommand.class,
                io.c360.app.analytics.PublishCommand.class,
                io.c360.app.identity.IdentityCommand.class,
                io.c360.app.evaluate.EvaluateCommand.class,
                io.c360.app.governance.CatalogCommand.class,
                io.c360.app.governance.LineageCommand.class,
        })
public final class C360Command implements Runnable {

    @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Workspace folder (default ./c360-data or $C360_HOME).")
    Path workspace;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default ./c360.yml if present, or $C360_CONFIG).")
    Path configFile;

    @Option(names = "--set", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set spark.master=spark://host:7077.")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More output, including Spark's own logs.")
    boolean verbose;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The root command of any (sub-)command, for its global options. */
    public static C360Command of(CommandSpec spec) {
        return (C360Command) spec.root().userObject();
    }

    public C360Config config() {
        if (verbose) {
            Configurator.setRootLevel(Level.INFO);
        }
        ConfigLoader loader = ConfigLoader.fromEnvironment().configFile(configFile).flags(overrides);
        if (workspace != null) {
            loader.flag("workspace", workspace.toString());
        }
        return loader.load();
    }

    public Progress progress() {
        return Progress.console(verbose);
    }

    public boolean verbose() {
        return verbose;
    }
}
