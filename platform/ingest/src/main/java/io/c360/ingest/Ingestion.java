package io.c360.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.ingest.file.FileDropConnector;
import io.c360.ingest.file.LandingFolder;
import io.c360.ingest.http.ApiClient;
import io.c360.ingest.http.HttpApiConnector;
import io.c360.ingest.jdbc.JdbcIncrementalConnector;
import io.c360.ingest.jdbc.SourceDatabase;
import io.c360.ingest.raw.RawZone;
import io.c360.ingest.state.StateStore;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinition;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code c360 ingest}: lands every declared source (or the chosen ones) into the raw zone, the
 * sources in parallel, the entities of a source one after the other. A failing source does not
 * stop the others; its failure is recorded and reported.
 */
public final class Ingestion implements AutoCloseable {

    private final C360Config config;
    private final SparkSession spark;
    private final Progress progress;
    private final BatchLog log;
    private final RawZone raw;
    private final StateStore store;
    private final LandingFolder landingFolder;
    private PostgresService postgres;

    public Ingestion(C360Config config, SparkSession spark, Progress progress) {
        this.config = config;
        this.spark = spark;
        this.progress = progress;
        this.log = new IngestLog(spark);
        this.raw = new RawZone(config.workspace(), io.c360.lake.raw.RawZone.of(config, spark));
        this.store = new StateStore(config.workspace());
        this.landingFolder = new LandingFolder(Duration.ofSeconds(config.getInt("ingest.settle-seconds")),
                Duration.ofMillis(config.getInt("ingest.check-millis")));
    }

    /** Lands the named sources (all when empty), in parallel. */
    public IngestReport run(List<String> sourceNames) {
        SourceDefinitions definitions = SourceDefinitions.from(config);
        List<SourceDefinition> selected = sourceNames.isEmpty() ? definitions.all()
                : sourceNames.stream().distinct().map(definitions::get).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, selected.size()));
        try {
            List<Future<IngestReport.SourceReport>> running = new ArrayList<>();
            for (SourceDefinition source : selected) {
                running.add(pool.submit(() -> ingest(source)));
            }
            List<IngestReport.SourceReport> reports = new ArrayList<>();
            for (Future<IngestReport.SourceReport> f : running) {
                reports.add(f.get());
            }
            return new IngestReport(reports);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("ingest interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ingest failed unexpectedly: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private IngestReport.SourceReport ingest(SourceDefinition source) {
        Progress.Step step = progress.start("ingest " + source.name() + " (" + source.kind().name().toLowerCase() + ")", "records");
        List<BatchRecord> batches = new ArrayList<>();
        try (AutoCloseable lock = store.lock(source.name())) {
            for (EntityLayout entity : source.entities()) {
                batches.addAll(ingest(source, entity, step));
            }
        } catch (Exception e) { // the lock could not be taken
            batches.add(BatchRecord.failed(source.name(), "*", connectorName(source), null, Instant.now(), e.getMessage()));
        }
        IngestReport.SourceReport report = new IngestReport.SourceReport(source.name(), batches, step.elapsedNanos());
        if (report.failed()) {
            step.failed(report.summary() + "; " + batches.stream().filter(b -> b.status() == BatchStatus.FAILED)
                    .map(BatchRecord::message).findFirst().orElse(""));
        } else {
            step.done(report.summary());
        }
        return report;
    }

    private List<BatchRecord> ingest(SourceDefinition source, EntityLayout entity, Progress.Step step) {
        Instant started = Instant.now();
        List<BatchRecord> out = new ArrayList<>();
        try {
            EntityLanding landing = EntityLanding.open(raw, store, log, source.name(), entity.entity());
            switch (source.kind()) {
                case HTTP -> out.addAll(httpConnector(source).land(landing, step));
                case JDBC -> out.addAll(jdbcConnector(source).land(entity, landing, step));
                case FILE -> { } // file drops only, below
            }
            if (entity.hasLanding()) {
                out.addAll(new FileDropConnector(config.workspace().resolve("landing"), landingFolder).land(entity, landing, step));
            }
        } catch (RuntimeException e) {
            String message = e instanceof IngestFailure ? e.getMessage() : e.toString();
            progress.detail(source.name() + "/" + entity.entity() + " failed: " + java.util.Arrays.toString(e.getStackTrace()));
            BatchRecord failed = BatchRecord.failed(source.name(), entity.entity(), connectorName(source), null, started,
                    source.name() + "/" + entity.entity() + ": " + message);
            log.record(failed);
            out.add(failed);
        }
        return out;
    }

    private HttpApiConnector httpConnector(SourceDefinition source) {
        JsonNode s = source.settings();
        String base = s.path("url").asText("");
        if (base.isBlank()) {
            base = config.get(source.name() + ".url");
        }
        String endpoint = base.replaceAll("/+$", "") + s.path("path").asText("");
        ApiClient client = new ApiClient(Duration.ofSeconds(s.path("timeout-seconds").asInt(30)), s.path("auth-header").asText(""),
                retryPolicy(s), s.path("requests-per-second").asDouble(0));
        return new HttpApiConnector(client, source.name(), endpoint, s.path("page-size").asInt(500),
                s.path("key-field").asText("id"), s.path("cursor-field").asText("updated_at"));
    }

    private JdbcIncrementalConnector jdbcConnector(SourceDefinition source) {
        JsonNode s = source.settings();
        return new JdbcIncrementalConnector(spark, sourceDatabase(source), retryPolicy(s), s.path("fetch-size").asInt(10_000));
    }

    /** The source's own url/user/password, else {@code source-db.*}, else a database on c360's PostgreSQL. */
    private synchronized SourceDatabase sourceDatabase(SourceDefinition source) {
        JsonNode s = source.settings();
        if (!s.path("url").asText("").isBlank()) {
            return new SourceDatabase(s.path("url").asText(), s.path("user").asText(""), s.path("password").asText(""));
        }
        if (config.find("source-db.url").isPresent()) {
            return new SourceDatabase(config.get("source-db.url"), config.find("source-db.user").orElse(""),
                    config.find("source-db.password").orElse(""));
        }
        if (postgres == null) {
            postgres = PostgresService.open(config);
        }
        return new SourceDatabase(postgres.jdbcUrl(s.path("database").asText("core_banking")), postgres.user(), postgres.password());
    }

    private static RetryPolicy retryPolicy(JsonNode settings) {
        return new RetryPolicy(settings.path("max-retries").asInt(3), Duration.ofMillis(settings.path("retry-base-millis").asLong(500)));
    }

    private static String connectorName(SourceDefinition source) {
        return source.kind().name().toLowerCase();
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
