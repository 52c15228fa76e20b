package io.c360.serve.http;

import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import io.c360.serve.store.ProfileStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.security.RouteRole;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code c360 serve}: the profile API, SQL API, catalog, lineage and ops endpoints, the OpenAPI file and
 * the web console, on Javalin (Jetty 11). Profile requests run on Jetty's threads and touch only
 * PostgreSQL; Spark work runs in the SQL API's own pool, and the lake may still be starting when
 * the server already answers profile lookups.
 */
public final class ServeServer implements AutoCloseable {

    private static final int JETTY_THREADS = 64;

    private final ApiKeys keys;
    private final AuditLog audit;
    private final CompletableFuture<Lake> lake;
    private final Javalin app;

    public ServeServer(ProfileStore store, ApiKeys keys, AuditLog audit, CompletableFuture<Lake> lake) {
        this.keys = keys;
        this.audit = audit;
        this.lake = lake;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.generateEtags = false;
            config.jetty.threadPool = new QueuedThreadPool(JETTY_THREADS, 8);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/c360/serve/console";
                files.location = Location.CLASSPATH;
            });
        });
        app.beforeMatched(this::authenticate);
        app.exception(ApiError.class, (e, ctx) -> Json.send(ctx, e.status, Map.of("error", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> Json.send(ctx, 500, Map.of("error", "internal error: " + e.getMessage())));
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                Json.send(ctx, 404, Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)"));
            }
        });
        app.get("/openapi.json", ServeServer::openApi);
        app.get("/api/v1/health", ctx -> Json.ok(ctx, Map.of("status", "ok",
                "profile_version", store.currentVersion().map(v -> (Object) v.version()).orElse("none"),
                "sql", lake.isDone() && !lake.isCompletedExceptionally() ? "ready" : lake.isDone() ? "failed" : "starting")));
        app.get("/api/v1/whoami", ctx -> {
            ApiKey k = Caller.of(ctx).key();
            Json.ok(ctx, Map.of("key_id", k.id(), "name", k.name(), "role", k.role().label()));
        }, Role.values());
        new ProfileRoutes(store).register(app);
        new QueryRoutes(this::lake).register(app);
        new CatalogRoutes(this::lake, audit).register(app);
        new LineageRoutes(this::lake).register(app);
    }

    public ServeServer start(String bind, int port) {
        app.start(bind, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void authenticate(Context ctx) {
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        Optional<ApiKey> key = keys.verify(presentedKey(ctx));
        if (key.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' "
                    + "(create one with: c360 keys create --role analyst --name <who>)");
        }
        if (!allowed.contains(key.get().role())) {
            throw new ApiError(HttpStatus.FORBIDDEN.getCode(), "role " + key.get().role().label() + " may not use "
                    + ctx.method() + " " + ctx.endpointHandlerPath());
        }
        new Caller(key.get(), audit).attachTo(ctx);
    }

    private static String presentedKey(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return ctx.header("X-API-Key");
    }

    private Lake lake() {
        try {
            return lake.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new ApiError(503, "the lake (Spark) could not be started: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ApiError(503, "the lake (Spark) is still starting, try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted while waiting for the lake");
        }
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream in = ServeServer.class.getResourceAsStream("/io/c360/serve/openapi.json")) {
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    @Override
    public void close() {
        app.stop();
        if (lake.isDone() && !lake.isCompletedExceptionally()) {
            lake.join().close();
        }
        audit.flush();
    }
}
