package io.c360.app.serve;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.http.Lake;
import io.c360.serve.http.ServeServer;
import io.c360.serve.sql.QueryService;
import io.c360.serve.store.ProfileStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = {
        "Serve the profile API, the SQL API, the catalog and the web console over HTTP.",
        "Binds 127.0.0.1:8360 by default (server.bind / server.port). Needs an API key: c360 keys create."})
public final class ServeCommand implements Runnable {

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: server.bind, 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: server.port, 8360; 0 = any free port).")
    Integer port;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Config config = C360Command.of(spec).config();
        Progress progress = C360Command.of(spec).progress();
        String address = bind != null ? bind : config.get("server.bind");
        int listenPort = port != null ? port : config.getInt("server.port");
        PostgresService postgres = PostgresService.open(config);
        ProfileStore store = ProfileStore.open(postgres);
        ApiKeys keys = ApiKeys.open(postgres);
        AuditLog audit = AuditLog.open(postgres);
        CompletableFuture<Lake> lake = CompletableFuture.supplyAsync(() -> {
            Progress.Step step = progress.start("starting the SQL engine (Spark)", "");
            Lake l = Lake.open(LakeSession.open(config), config, QueryService.Limits.from(config));
            step.done();
            return l;
        });
        ServeServer server = new ServeServer(store, keys, audit, lake).start(address, listenPort);
        String url = "http://" + address + ":" + server.port();
        progress.info("c360 serving on " + url + "  (console " + url + "/, API description " + url + "/openapi.json)");
        progress.info(store.currentVersion().map(v -> "profile store: version " + v.version() + " of run " + v.runId()
                + ", " + Progress.formatCount(v.customers()) + " customers").orElse("profile store: nothing published yet"));
        if (keys.list().stream().noneMatch(ApiKey::active)) {
            progress.info("no API key exists yet: create one with  c360 keys create --role admin --name <you>");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            audit.close();
            postgres.close();
            stopped.countDown();
        }, "c360-serve-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
