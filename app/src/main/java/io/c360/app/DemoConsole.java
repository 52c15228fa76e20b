package io.c360.app;

import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import io.c360.serve.http.Lake;
import io.c360.serve.http.ServeServer;
import io.c360.serve.sql.QueryService;
import io.c360.serve.store.ProfileStore;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.CompletableFuture;

/** The server and console of the demo, sharing the pipeline's Spark session, with a fresh admin key. */
final class DemoConsole implements AutoCloseable {

    private final PostgresService postgres;
    private final AuditLog audit;
    private final ServeServer server;
    private final String adminKey;
    private final String url;

    DemoConsole(C360Config config, SparkSession spark) {
        this.postgres = PostgresService.open(config);
        ApiKeys keys = ApiKeys.open(postgres);
        this.audit = AuditLog.open(postgres);
        this.adminKey = keys.create("demo-admin", Role.ADMIN).plainText();
        String bind = config.get("server.bind");
        this.server = new ServeServer(ProfileStore.open(postgres), keys, audit,
                CompletableFuture.completedFuture(Lake.open(spark, config, QueryService.Limits.from(config))))
                .start(bind, config.getInt("server.port"));
        this.url = "http://" + bind + ":" + server.port() + "/";
    }

    String url() {
        return url;
    }

    String adminKey() {
        return adminKey;
    }

    @Override
    public void close() {
        try {
            server.close();
            audit.close();
        } finally {
            postgres.close();
        }
    }
}
