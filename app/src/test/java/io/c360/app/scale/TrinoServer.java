package io.c360.app.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.runtime.FreePort;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Trino server (from Maven Central: the core server and the Iceberg plugin, unpacked by the build
 * into target/it/trino and target/it/trino-plugins) with one catalog,
 * {@code c360}: the Iceberg connector on c360's JDBC catalog and its S3 warehouse. It runs on Java
 * 25 ({@code c360.trino.java-home}); queries go through Trino's HTTP client protocol.
 */
final class TrinoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A result: column names and rows of JSON values as Trino sends them. */
    record Result(List<String> columns, List<List<JsonNode>> rows) {
    }

    private final int port = FreePort.find();
    private final ItProcess process;
    private final HttpClient http = HttpClient.newHttpClient();

    private TrinoServer(Path root, Path install, Path plugins, Path javaHome, Map<String, String> catalog) throws IOException {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(etc.resolve("catalog"));
        Files.write(etc.resolve("config.properties"), List.of(
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "query.max-memory=400MB",
                "query.max-memory-per-node=400MB",
                "memory.heap-headroom-per-node=300MB",
                "plugin.dir=" + plugins,
                "catalog.config-dir=" + etc.resolve("catalog")));
        List<String> lines = new ArrayList<>();
        catalog.forEach((k, v) -> lines.add(k + "=" + v));
        Files.write(etc.resolve("catalog").resolve("c360.properties"), lines);
        List<String> cmd = new ArrayList<>(List.of(ItProcess.java(javaHome).toString(), "-Xmx1200m", "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
                "-Dfile.encoding=UTF-8", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dnode.environment=c360_it", "-Dnode.id=c360-it", "-Dnode.data-dir=" + root.resolve("data"),
                "-Dconfig=" + etc.resolve("config.properties"),
                "-cp", install.resolve("lib") + File.separator + "*", "io.trino.server.TrinoServer"));
        process = ItProcess.start("trino", new ProcessBuilder(cmd).directory(root.toFile()), root.resolve("logs"));
        process.awaitPort(port, Duration.ofSeconds(180));
        awaitStarted();
    }

    /** @param install the unpacked server (its lib/), @param plugins a folder with one folder per plugin */
    static TrinoServer start(Path root, Path install, Path plugins, Path javaHome, Map<String, String> catalog) {
        try {
            return new TrinoServer(root, install, plugins, javaHome, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up Trino under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a query in catalog c360 and returns every row. Trino says it has started before its node
     * has announced the catalogs it serves, and refuses a scan until then with "No nodes available":
     * such a refusal is retried for up to a minute.
     */
    Result query(String sql) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return run(sql);
            } catch (AssertionError e) {
                if (!String.valueOf(e.getMessage()).contains("No nodes available") || System.nanoTime() > deadline) {
                    throw e;
                }
                ItProcess.sleep(1000);
            }
        }
    }

    private Result run(String sql) {
        JsonNode page = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/statement"))
                .header("X-Trino-User", "c360").header("X-Trino-Catalog", "c360").header("X-Trino-Schema", "analytics")
                .POST(HttpRequest.BodyPublishers.ofString(sql)));
        List<String> columns = new ArrayList<>();
        List<List<JsonNode>> rows = new ArrayList<>();
        while (true) {
            if (page.has("error")) {
                throw new AssertionError("Trino refused " + sql + ": " + page.get("error").path("message").asText() + "\n" + process.tail());
            }
            if (columns.isEmpty() && page.has("columns")) {
                page.get("columns").forEach(c -> columns.add(c.get("name").asText()));
            }
            page.path("data").forEach(row -> {
                List<JsonNode> values = new ArrayList<>();
                row.forEach(values::add);
                rows.add(values);
            });
            if (!page.hasNonNull("nextUri")) {
                return new Result(columns, rows);
            }
            page = send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).GET());
        }
    }

    /** Trino opens its port before it accepts queries: wait for the server to say it has started. */
    private void awaitStarted() {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode info = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).GET());
            if (!info.path("starting").asBoolean(true)) {
                return;
            }
            ItProcess.sleep(500);
        }
        throw new AssertionError("Trino did not finish starting:\n" + process.tail());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("Trino answered " + r.statusCode() + ": " + r.body() + "\n" + process.tail());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Trino is unreachable: " + e.getMessage() + "\n" + process.tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
