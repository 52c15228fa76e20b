package io.c360.ingest;

import io.c360.ingest.file.FileDropConnector;
import io.c360.ingest.file.LandingFolder;
import io.c360.ingest.raw.RawZone;
import io.c360.ingest.state.StateStore;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.SourceDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class FileDropConnectorTest {

    static final Path FIXTURES = Path.of(System.getProperty("c360.workshop.fixtures"));

    @TempDir
    Path workspace;

    private final RecordedBatches log = new RecordedBatches();

    @ParameterizedTest(name = "{0}/{1} from {2}")
    @CsvSource({
            "accounts, accounts, account/account0020240523-063958.csv, 1999",
            "cards, cards, card/card0020240523-064030.csv, 3000",
            "dispositions, dispositions, dispositions/account0020240523-064034.csv, 200",
            "crm, customers, crm/crm0020240523-064013.json, 500",
            "retail, orders, retail/Retail-SaaS-Sales-head2500.csv, 2500",
            "web, visitor_map, visitors/ga_visitors.csv, 201",
            "web, sessions, web_analytics/ga_sessions_20170724.json, 10",
    })
    void landsEveryWorkshopFixtureByteForByte(String source, String entity, String fixture, long records) throws IOException {
        EntityLayout layout = defaults().entity(source, entity);
        Path fixtureFile = FIXTURES.resolve(fixture);
        drop(layout, fixtureFile.getFileName().toString(), Files.readAllBytes(fixtureFile));

        List<BatchRecord> batches = land(layout);

        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.LANDED);
            assertThat(b.records()).isEqualTo(records);
        });
        RawManifest m = RawContents.manifests(workspace, source, entity).get(0);
        RawManifest.RawFile landed = m.files().get(0);
        assertThat(landed.sha256()).isEqualTo(ContentHash.of(fixtureFile));
        assertThat(RawContents.batchDir(workspace, m).resolve(landed.name())).hasSameBinaryContentAs(fixtureFile);
        assertThat(landed.origin()).isEqualTo("landing/" + layout.landing() + "/" + fixtureFile.getFileName());
        assertThat(m.recordCount()).isEqualTo(records);
        assertThat(m.schemaFingerprint()).hasSize(64);
    }

    @Test
    void landsTheFourDaysOfWebSessionsAsOneBatch() throws IOException {
        EntityLayout layout = defaults().entity("web", "sessions");
        try (var days = Files.list(FIXTURES.resolve("web_analytics"))) {
            for (Path day : days.toList()) {
                drop(layout, day.getFileName().toString(), Files.readAllBytes(day));
            }
        }
        drop(layout, "ga_visitors.csv", Files.readAllBytes(FIXTURES.resolve("visitors/ga_visitors.csv")));

        assertThat(land(layout)).singleElement().satisfies(b -> {
            assertThat(b.files()).as("the visitor map shares the folder but not the pattern").isEqualTo(4);
            assertThat(b.records()).isEqualTo(40);
        });
        RawManifest m = RawContents.manifests(workspace, "web", "sessions").get(0);
        assertThat(m.fieldNames()).as("the JSON records' top-level fields, for readers to use without a pass of their own")
                .contains("fullVisitorId", "visitId", "totals", "hits").doesNotHaveDuplicates().isSorted();
    }

    @Test
    void theSameBytesDroppedAgainAreNotLandedTwice() throws IOException {
        EntityLayout layout = defaults().entity("accounts", "accounts");
        byte[] bytes = "1,301,WI,2023-08-10T06:39:58.182050\n2,71,MI,2022-06-08T06:39:58.182084\n".getBytes(StandardCharsets.UTF_8);
        drop(layout, "account0020240101-000000.csv", bytes);
        assertThat(land(layout)).hasSize(1);

        drop(layout, "account0020240102-000000.csv", bytes); // re-delivered under another name
        drop(layout, "account0020240103-000000.csv", "3,5,MI,2022-06-08T06:39:58.182084\n".getBytes(StandardCharsets.UTF_8));
        List<BatchRecord> second = land(layout);

        assertThat(second).singleElement().satisfies(b -> assertThat(b.records()).isEqualTo(1));
        assertThat(land(layout)).isEmpty();
        assertThat(RawContents.lines(workspace, "accounts", "accounts")).hasSize(3);
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenUntilComplete() throws Exception {
        EntityLayout layout = defaults().entity("accounts", "accounts");
        Path dir = landingDir(layout);
        Files.writeString(dir.resolve("account0020240101-000000.csv.tmp"), "1,301,WI,2023-08-10T06:39:58.182050\n");
        Files.writeString(dir.resolve(".account0020240101-000001.csv"), "1,301,WI,2023-08-10T06:39:58.182050\n");
        Path growing = dir.resolve("account0020240101-000002.csv");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> appendSlowly(growing, 40, Duration.ofMillis(25)));
        LandingFolder strict = new LandingFolder(Duration.ofMinutes(1), Duration.ofMillis(200));

        Thread.sleep(100);
        assertThat(land(layout, strict)).as("tmp, dot-file and the growing file are all skipped").isEmpty();

        writer.get();
        Thread.sleep(50);
        assertThat(land(layout, strict)).singleElement().extracting(BatchRecord::records).isEqualTo(40L);
        assertThat(RawContents.lines(workspace, "accounts", "accounts")).hasSize(40);
    }

    @Test
    void unreadableFilesAreQuarantinedWithAReasonWhileTheOthersLand() throws IOException {
        EntityLayout accounts = defaults().entity("accounts", "accounts");
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        drop(accounts, "account0020240101-000000.csv", garbage);
        drop(accounts, "account0020240102-000000.csv", "a;b;c;d;e\nf;g;h;i;j\n".getBytes(StandardCharsets.UTF_8));
        drop(accounts, "account0020240103-000000.csv", "1,301,WI,2023-08-10T06:39:58.182050\n".getBytes(StandardCharsets.UTF_8));

        List<BatchRecord> batches = land(accounts);

        assertThat(batches).extracting(BatchRecord::status)
                .containsExactlyInAnyOrder(BatchStatus.QUARANTINED, BatchStatus.QUARANTINED, BatchStatus.LANDED);
        assertThat(batches).filteredOn(b -> b.status() == BatchStatus.LANDED).singleElement()
                .extracting(BatchRecord::records).isEqualTo(1L);
        Path quarantine = new RawZone(workspace).quarantineDir("accounts", batches.get(0).ingestDate());
        assertThat(quarantine.resolve("account0020240101-000000.csv")).hasBinaryContent(garbage);
        assertThat(quarantine.resolve("account0020240101-000000.csv.reason.txt")).content()
                .contains("origin: landing/accounts/account0020240101-000000.csv").contains("not valid UTF-8");
        assertThat(quarantine.resolve("account0020240102-000000.csv.reason.txt")).content()
                .contains("expected 4 fields per record (account_id,branch_id,frequency,date_of_creation)")
                .contains("2 of 2 records differ; first at line 1 with 1 field(s)");
        assertThat(log.records).filteredOn(b -> b.status() == BatchStatus.QUARANTINED).hasSize(2);

        assertThat(land(accounts)).as("a quarantined file is not quarantined again").isEmpty();
    }

    @Test
    void aTruncatedGzipIsQuarantined() throws IOException {
        EntityLayout sessions = defaults().entity("web", "sessions");
        byte[] gz = gzip(Files.readAllBytes(FIXTURES.resolve("web_analytics/ga_sessions_20170724.json")));
        drop(sessions, "ga_sessions_20170801.json.gz", gz);
        drop(sessions, "ga_sessions_20170802.json.gz", java.util.Arrays.copyOf(gz, gz.length / 2));

        List<BatchRecord> batches = land(sessions);

        assertThat(batches).filteredOn(b -> b.status() == BatchStatus.LANDED).singleElement()
                .extracting(BatchRecord::records).isEqualTo(10L);
        assertThat(batches).filteredOn(b -> b.status() == BatchStatus.QUARANTINED).singleElement()
                .satisfies(b -> assertThat(b.message()).contains("ga_sessions_20170802.json.gz").contains("truncated"));
    }

    @Test
    void aNewFixedWidthExtractNeedsOnlyConfiguration() throws IOException {
        Path config = workspace.resolve("c360.yml");
        Files.writeString(config, """
                sources:
                  branches:
                    kind: file
                    entities:
                      branches:
                        landing: branches
                        pattern: "BR*.txt"
                        format: fixed-width
                        encoding: ISO-8859-1
                        columns:
                          - {name: branch_id, type: int, width: 4}
                          - {name: city, type: string, width: 12}
                          - {name: opened, type: date, width: 8, format: yyyyMMdd}
                """);
        EntityLayout branches = SourceDefinitions.from(load(config)).entity("branches", "branches");
        drop(branches, "BR001.txt", "0001São Paulo   20200101\n0002Recife      20210315\n0003Natal       2022\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        drop(branches, "BR002.txt", "this file is not fixed width at all, sorry\nnor is this line\n".getBytes(StandardCharsets.ISO_8859_1));

        List<BatchRecord> batches = land(branches);

        assertThat(batches).filteredOn(b -> b.status() == BatchStatus.LANDED).singleElement()
                .extracting(BatchRecord::records).isEqualTo(3L);
        assertThat(batches).filteredOn(b -> b.status() == BatchStatus.QUARANTINED).singleElement()
                .satisfies(b -> assertThat(b.message()).contains("expected lines of 24 characters"));
    }

    @Test
    void theStateIsRebuiltFromManifestsAndIncompleteBatchesAreRemoved() throws IOException {
        EntityLayout layout = defaults().entity("dispositions", "dispositions");
        drop(layout, "d1.csv", "25,1,5277,owner\n".getBytes(StandardCharsets.UTF_8));
        land(layout);
        Files.delete(workspace.resolve("state/ingest/dispositions/dispositions.json"));
        Path incomplete = RawContents.local(new RawZone(workspace).batchDir("dispositions", "dispositions", "2026-01-01",
                "20260101T000000000Z-dispositions-dispositions-abcd"));
        Files.createDirectories(incomplete);
        Files.writeString(incomplete.resolve("d2.csv"), "26,2,5278,owner\n");

        assertThat(land(layout)).as("d1.csv is known from its manifest").isEmpty();
        assertThat(incomplete).doesNotExist();
        assertThat(log.records).filteredOn(b -> b.status() == BatchStatus.LANDED).hasSize(1);
    }

    private List<BatchRecord> land(EntityLayout layout) {
        return land(layout, new LandingFolder(Duration.ZERO, Duration.ofMillis(50)));
    }

    private List<BatchRecord> land(EntityLayout layout, LandingFolder folder) {
        EntityLanding landing = EntityLanding.open(new RawZone(workspace), new StateStore(workspace), log,
                layout.source(), layout.entity());
        return new FileDropConnector(workspace.resolve("landing"), folder)
                .land(layout, landing, Progress.silent().start(layout.source(), "records"));
    }

    private SourceDefinitions defaults() {
        return SourceDefinitions.from(load(null));
    }

    private C360Config load(Path configFile) {
        ConfigLoader loader = ConfigLoader.withEnvironment(java.util.Map.of()).flag("workspace", workspace.toString());
        return (configFile == null ? loader : loader.configFile(configFile)).load();
    }

    private Path landingDir(EntityLayout layout) throws IOException {
        return Files.createDirectories(workspace.resolve("landing").resolve(layout.landing()));
    }

    private void drop(EntityLayout layout, String name, byte[] bytes) throws IOException {
        Files.write(landingDir(layout).resolve(name), bytes);
    }

    private static void appendSlowly(Path file, int lines, Duration pause) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < lines; i++) {
                out.write((i + ",1,MI,2022-06-08T06:39:58.182084\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(pause.toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var buf = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(bytes);
        }
        return buf.toByteArray();
    }
}
