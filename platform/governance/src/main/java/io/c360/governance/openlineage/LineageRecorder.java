package io.c360.governance.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.governance.lineage.LineageEdges;
import io.c360.governance.lineage.PlanLineage;
import io.c360.lake.model.ModelRunListener;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Records the lineage of every model a run builds, from the plan that ran: an OpenLineage RunEvent
 * as a JSON file in the log zone ({@code <workspace>/ops/openlineage/<run id>/<table>.json}) and,
 * when {@code lineage.openlineage.url} is set, a POST to that endpoint; and at the end of the run
 * the column edges in {@code ops.lineage_edges}. Lineage is a record of the run, not part of it:
 * a failure to record it is reported and the run goes on.
 */
public final class LineageRecorder implements ModelRunListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Optional<URI> endpoint;
    private final String apiKey;
    private final RunEvent events;
    private final Progress progress;
    private final SparkSession spark;
    private final LineageEdges edges = new LineageEdges();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LineageRecorder(SparkSession spark, Path folder, Optional<URI> endpoint, String apiKey, String namespace, Progress progress) {
        this.spark = spark;
        this.folder = folder;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.events = new RunEvent(namespace);
        this.progress = progress;
    }

    public static LineageRecorder from(SparkSession spark, C360Config config, Progress progress) {
        String url = config.find("lineage.openlineage.url").orElse("");
        return new LineageRecorder(spark, folder(config), url.isBlank() ? Optional.empty() : Optional.of(URI.create(url)),
                config.find("lineage.openlineage.api-key").orElse(""), config.find("lineage.openlineage.namespace").orElse("c360"),
                progress);
    }

    /** Where the events of a workspace are written. */
    public static Path folder(C360Config config) {
        return config.workspace().resolve("ops").resolve("openlineage");
    }

    @Override
    public void built(Built built) {
        try {
            PlanLineage lineage = RunEvent.lineageOf(built);
            edges.add(built.runId(), built.model().table(), lineage);
            ObjectNode event = events.of(built, lineage);
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(event);
            Path file = folder.resolve(built.runId()).resolve(built.model().table() + ".json");
            Files.createDirectories(file.getParent());
            Files.write(file, body);
            endpoint.ifPresent(uri -> post(uri, body, built.model().table()));
        } catch (IOException | RuntimeException e) {
            progress.info(built.model().table() + ": OpenLineage event not recorded: " + e.getMessage());
        }
    }

    @Override
    public void runFinished(String runId) {
        try {
            edges.flush(spark);
        } catch (RuntimeException e) {
            progress.info("run " + runId + ": column lineage not recorded in " + LineageEdges.TABLE + ": " + e.getMessage());
        }
    }

    private void post(URI uri, byte[] body, String table) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                progress.info(table + ": OpenLineage endpoint " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            progress.info(table + ": OpenLineage endpoint " + uri + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
