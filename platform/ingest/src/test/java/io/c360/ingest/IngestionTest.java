package io.c360.ingest;

import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.FreePort;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole {@code c360 ingest} run: every source in parallel, ops.ingest_batches in Iceberg. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestionTest {

    @TempDir
    static Path workspace;

    private static CrmApiStub crm;
    private static PostgresService postgres;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        crm = new CrmApiStub(null);
        crm.putRange(1, 301, "2026-11-25T10:00:00.000Z");
        postgres = PostgresService.open(config(crm.url()));
        postgres.dataSource("core_banking");
        JdbcIncrementalConnectorTest.createTransactions(postgres, "transactions");
        JdbcIncrementalConnectorTest.insert(postgres, "transactions", 1, 2000, "now()");
        dropFixtures(workspace);
        spark = LakeSession.open(config(crm.url()));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    /** Test settings: files are taken at once, the CRM API is retried quickly. */
    static C360Config config(String crmUrl) throws IOException {
        Path file = workspace.resolve("c360.yml");
        Files.writeString(file, """
                ingest:
                  settle-seconds: "0"
                sources:
                  crm:
                    max-retries: 1
                    retry-base-millis: 10
                """);
        // the test process holds the embedded server itself: the core source points at it by URL
        return TestWorkspace.loader(workspace).configFile(file)
                .flag("crm.url", crmUrl).flag("source-db.url", postgres == null ? "" : postgres.jdbcUrl("core_banking"))
                .flag("source-db.user", "postgres").load();
    }

    static void dropFixtures(Path workspace) throws IOException {
        Map<String, String> folders = Map.of("account", "accounts", "card", "cards", "dispositions", "dispositions",
                "crm", "crm", "retail", "retail", "visitors", "web", "web_analytics", "web");
        for (Map.Entry<String, String> e : folders.entrySet()) {
            Path to = Files.createDirectories(workspace.resolve("landing").resolve(e.getValue()));
            try (var files = Files.list(FileDropConnectorTest.FIXTURES.resolve(e.getKey()))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    @Test
    @Order(1)
    void landsEverySourceAndRecordsEachBatchInOps() throws IOException {
        ByteArrayOutputStream progressOut = new ByteArrayOutputStream();
        IngestReport report = run(config(crm.url()), new Progress(new PrintStream(progressOut, true, StandardCharsets.UTF_8), false));

        assertThat(report.failed()).isFalse();
        assertThat(report.sources()).extracting(IngestReport.SourceReport::source)
                .containsExactly("crm", "core", "accounts", "cards", "dispositions", "web", "retail");
        assertThat(landed("crm")).containsExactlyInAnyOrder(300L, 500L); // API pull + the workshop file drop
        assertThat(landed("core")).containsExactly(2000L);
        assertThat(landed("retail")).containsExactly(2500L);
        assertThat(landed("web")).containsExactlyInAnyOrder(40L, 201L);
        assertThat(spark.sql("SELECT source, entity, connector FROM ops.ingest_batches WHERE status = 'landed'").collectAsList())
                .extracting(Row::toString).containsExactlyInAnyOrder("[crm,customers,http]", "[crm,customers,file]",
                        "[core,transactions,jdbc]", "[accounts,accounts,file]", "[cards,cards,file]",
                        "[dispositions,dispositions,file]", "[web,sessions,file]", "[web,visitor_map,file]", "[retail,orders,file]");
        String lines = progressOut.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("✓ ingest core (jdbc)  2,000 records").contains("✓ ingest retail (file)  2,500 records");

        IngestReport again = run(config(crm.url()), Progress.silent());

        assertThat(again.batches()).as("a second run with no new source data lands nothing").isEmpty();
        assertThat(spark.sql("SELECT count(*) FROM ops.ingest_batches").first().getLong(0)).isEqualTo(9);
    }

    @Test
    @Order(2)
    void aSourceThatIsDownFailsWhileTheOthersLand() throws IOException {
        Files.writeString(workspace.resolve("landing/accounts/account0020261125-000000.csv"), "9999,1,MI,2026-11-25T00:00:00.000001\n");
        String down = "http://127.0.0.1:" + FreePort.find();

        IngestReport report = run(config(down), Progress.silent());

        assertThat(report.failed()).isTrue();
        assertThat(landed("accounts")).containsExactly(1L);
        List<Row> failed = spark.sql("SELECT source, message FROM ops.ingest_batches WHERE status = 'failed'").collectAsList();
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.getString(0)).isEqualTo("crm");
            assertThat(r.getString(1)).startsWith("crm: GET " + down + "/api/v1/customers").contains("Connect");
        });
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        report.print(new PrintStream(summary, true, StandardCharsets.UTF_8));
        assertThat(summary.toString(StandardCharsets.UTF_8)).contains("failed: crm: GET " + down)
                .contains("some sources failed (the others were landed)");
    }

    private static IngestReport last;

    private static IngestReport run(C360Config config, Progress progress) {
        try (Ingestion ingestion = new Ingestion(config, spark, progress)) {
            last = ingestion.run(List.of());
            return last;
        }
    }

    private static List<Long> landed(String source) {
        return last.batches().stream().filter(b -> b.source().equals(source) && b.status() == BatchStatus.LANDED)
                .map(BatchRecord::records).toList();
    }
}
