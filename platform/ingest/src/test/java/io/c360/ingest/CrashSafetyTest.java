package io.c360.ingest;

import io.c360.ingest.raw.RawZone;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real ingest process (another JVM) while it lands, then shows that the next run lands
 * every source record exactly once: no gap, no duplicate, every batch once in ops.
 */
class CrashSafetyTest {

    private static final int CUSTOMERS = 3000;
    private static final int TRANSACTIONS = 20_000;
    private static final int ACCOUNT_FILES = 20;
    private static final int ACCOUNTS_PER_FILE = 500;

    @TempDir
    Path workspace;

    @Test
    void aRunKilledWhileLandingIsCompletedByTheNextRunExactlyOnce() throws Exception {
        try (CrmApiStub crm = new CrmApiStub(null);
             PostgresService postgres = PostgresService.open(JdbcIncrementalConnectorTest.testConfig(workspace))) {
            crm.putRange(1, CUSTOMERS + 1, "2026-11-25T10:00:00.000Z");
            crm.pageDelayMillis = 40; // ~60 pages: the pull is still running when the process is killed
            postgres.dataSource("core_banking");
            JdbcIncrementalConnectorTest.createTransactions(postgres, "transactions");
            JdbcIncrementalConnectorTest.insert(postgres, "transactions", 1, TRANSACTIONS, "now()");
            dropAccountFiles();
            Path config = writeConfig(crm.url(), postgres.jdbcUrl("core_banking"));

            Process child = startIngestProcess(config);
            waitUntilPulling(child);
            child.destroyForcibly().waitFor();

            assertThat(RawContents.manifests(workspace, "crm", "customers")).as("killed before the CRM batch was committed").isEmpty();
            C360Config c = ConfigLoader.withEnvironment(Map.of()).configFile(config).flag("workspace", workspace.toString()).load();
            SparkSession spark = LakeSession.open(c);
            try {
                try (Ingestion ingestion = new Ingestion(c, spark, Progress.silent())) {
                    assertThat(ingestion.run(List.of()).failed()).isFalse();
                }
                assertThat(RawContents.clientIds(workspace)).hasSize(CUSTOMERS).doesNotHaveDuplicates();
                assertThat(RawContents.lines(workspace, "accounts", "accounts")).hasSize(ACCOUNT_FILES * ACCOUNTS_PER_FILE)
                        .doesNotHaveDuplicates();
                List<Long> transIds = new ArrayList<>();
                for (RawManifest m : RawContents.manifests(workspace, "core", "transactions")) {
                    String[] files = m.files().stream().map(f -> RawContents.batchDir(workspace, m).resolve(f.name()).toString())
                            .toArray(String[]::new);
                    spark.read().parquet(files).select("trans_id").collectAsList().forEach(r -> transIds.add(r.getLong(0)));
                }
                assertThat(transIds).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, TRANSACTIONS).boxed().toList());

                List<String> manifestIds = Stream.of("crm/customers", "core/transactions", "accounts/accounts")
                        .flatMap(se -> RawContents.manifests(workspace, se.split("/")[0], se.split("/")[1]).stream())
                        .map(RawManifest::batchId).toList();
                List<String> opsIds = spark.sql("SELECT batch_id FROM ops.ingest_batches WHERE status = 'landed'")
                        .collectAsList().stream().map(r -> r.getString(0)).toList();
                assertThat(opsIds).as("every landed batch recorded once in ops").containsExactlyInAnyOrderElementsOf(manifestIds);
                assertThat(incompleteBatches()).isFalse();
            } finally {
                spark.stop();
            }
        }
    }

    private void dropAccountFiles() throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("landing/accounts"));
        for (int f = 0; f < ACCOUNT_FILES; f++) {
            StringBuilder sb = new StringBuilder();
            int first = f * ACCOUNTS_PER_FILE;
            IntStream.range(first, first + ACCOUNTS_PER_FILE).forEach(id -> sb.append(id).append(",1,MI,2024-01-01T00:00:00.000001\n"));
            Files.writeString(dir.resolve(String.format("account0020240101-%06d.csv", f)), sb);
        }
    }

    private Path writeConfig(String crmUrl, String sourceDbUrl) throws IOException {
        Path file = workspace.resolve("c360.yml");
        Files.writeString(file, """
                spark:
                  master: local[2]
                  conf:
                    spark.sql.shuffle.partitions: "4"
                crm:
                  url: %s
                source-db:
                  url: %s
                  user: postgres
                ingest:
                  settle-seconds: "0"
                sources:
                  crm:
                    page-size: 50
                    requests-per-second: 0
                  core:
                    entities:
                      transactions:
                        parallel-above-rows: 5000
                """.formatted(crmUrl, sourceDbUrl));
        return file;
    }

    private Process startIngestProcess(Path config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).forEach(command::add);
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), IngestProcess.class.getName(),
                config.toString(), workspace.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workspace.resolve("ingest-process.log").toFile()).start();
    }

    /** Waits until the child has pulled part of the CRM API into staging (the batch is open). */
    private void waitUntilPulling(Process child) throws Exception {
        Path staging = new RawZone(workspace).stagingRoot();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("ingest process ended early: " + Files.readString(workspace.resolve("ingest-process.log"))).isTrue();
            if (Files.isDirectory(staging) && pulling(staging)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ingest process never started pulling the CRM API");
    }

    /** True when a CRM page file in staging has grown past 50 KB; false if a batch folder vanished mid-walk (the next poll looks again). */
    private static boolean pulling(Path staging) throws IOException {
        try (Stream<Path> files = Files.walk(staging)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("customers.ndjson") && p.toFile().length() > 50_000);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return false; // the child finished another source's batch and moved its folder out of staging
            }
            throw e;
        }
    }

    /** True when a batch folder without its manifest is visible (it must be removed by the next run). */
    private boolean incompleteBatches() {
        return Stream.of("crm/customers", "core/transactions", "accounts/accounts")
                .flatMap(se -> new RawZone(workspace).batchDirs(se.split("/")[0], se.split("/")[1]).stream())
                .anyMatch(d -> !Files.exists(RawContents.local(d).resolve(RawManifest.FILE_NAME)));
    }
}
