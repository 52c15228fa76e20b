package io.c360.app.sources;

import io.c360.app.C360Command;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigException;
import io.c360.sources.CrmApiServer;
import io.c360.sources.SourceSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;

@Command(mixinStandardHelpOptions = true, name = "serve-crm", description = "Serve the CRM API (GET /api/v1/customers) from the CRM store until stopped.")
public final class ServeCrmCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: the port of crm.url).")
    Integer port;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to bind (default: the host of crm.url).")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Require 'Authorization: Bearer TOKEN'.")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        try (io.c360.app.StopOnSignal stop = new io.c360.app.StopOnSignal();
             SourceSystems systems = SourceSystems.open(config, null);
             CrmApiServer server = start(systems, config, bind, port, token)) {
            root.progress().info("CRM API on " + server.baseUrl() + CrmApiServer.PATH + " (Ctrl-C to stop)");
            stop.await();
        }
        return 0;
    }

    /** Starts the API where crm.url says, unless overridden; a busy port is named in the error. */
    public static CrmApiServer start(SourceSystems systems, C360Config config, String bind, Integer port, String token)
            throws java.io.IOException {
        URI url = URI.create(config.get("crm.url"));
        String host = bind != null ? bind : url.getHost();
        int p = port != null ? port : url.getPort() < 0 ? 80 : url.getPort();
        try {
            return CrmApiServer.start(systems.crm(), host, p, token);
        } catch (java.net.BindException e) {
            throw new ConfigException("cannot serve the simulated CRM API on " + host + ":" + p
                    + ": the port is in use (another c360 demo or `sources serve-crm`?); stop it or pick another port"
                    + " with --set crm.url=http://127.0.0.1:PORT", e);
        }
    }
}
