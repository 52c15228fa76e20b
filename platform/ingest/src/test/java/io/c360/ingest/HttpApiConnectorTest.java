package io.c360.ingest;

import io.c360.ingest.http.ApiClient;
import io.c360.ingest.http.ApiWatermark;
import io.c360.ingest.http.HttpApiConnector;
import io.c360.ingest.raw.RawZone;
import io.c360.ingest.state.StateStore;
import io.c360.runtime.FreePort;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiConnectorTest {

    private static final String T1 = "2026-11-25T10:00:00.123Z";
    private static final String T2 = "2026-11-25T11:00:00.456Z";

    @TempDir
    Path workspace;

    private CrmApiStub api;
    private final RecordedBatches log = new RecordedBatches();

    @BeforeEach
    void startApi() throws IOException {
        api = new CrmApiStub(null);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void pullsEveryPageIntoOneBatchAndASecondRunLandsNothing() {
        api.putRange(1, 1235, T1);

        List<BatchRecord> first = pull(api.url(), 100, null);

        assertThat(first).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.LANDED);
            assertThat(b.records()).isEqualTo(1234);
        });
        assertThat(RawContents.clientIds(workspace)).hasSize(1234).doesNotHaveDuplicates();
        assertThat(api.requests.get()).isEqualTo(13);
        RawManifest m = RawContents.manifests(workspace, "crm", "customers").get(0);
        assertThat(m.connector()).isEqualTo("http");
        assertThat(m.format()).isEqualTo("jsonl");
        assertThat(m.watermarkBefore() == null || m.watermarkBefore().isNull()).as("no watermark before the first pull").isTrue();
        assertThat(ApiWatermark.from(m.watermarkAfter()).updatedAt()).isEqualTo(Instant.parse(T1));
        assertThat(RawContents.lines(workspace, "crm", "customers").get(0))
                .as("records are landed as received, decimals untouched")
                .isEqualTo("{\"client_id\":1,\"first_name\":\"Name1\",\"annual_income\":52000.10,\"address\":{\"city\":\"Recife\"},"
                        + "\"updated_at\":\"" + T1 + "\"}");

        assertThat(pull(api.url(), 100, null)).isEmpty();
        assertThat(RawContents.manifests(workspace, "crm", "customers")).hasSize(1);
    }

    @Test
    void anEmptySourceLandsNothing() {
        assertThat(pull(api.url(), 100, null)).isEmpty();
        assertThat(workspace.resolve("raw")).doesNotExist();
        assertThat(api.requests.get()).isEqualTo(1);
    }

    @Test
    void aFullLastPageFollowedByAnEmptyPageEndsThePull() {
        api.lazyTokens = true;
        api.putRange(1, 201, T1);

        List<BatchRecord> batches = pull(api.url(), 100, null);

        assertThat(batches).singleElement().extracting(BatchRecord::records).isEqualTo(200L);
        assertThat(api.requests.get()).as("two full pages, then an empty last page").isEqualTo(3);
    }

    @Test
    void recordsSharingTheWatermarkInstantAreLandedExactlyOnce() {
        api.putRange(1, 251, T1);
        assertThat(pull(api.url(), 100, null)).singleElement().extracting(BatchRecord::records).isEqualTo(250L);

        api.putRange(251, 281, T1); // late arrivals at the very same instant
        assertThat(pull(api.url(), 100, null)).singleElement().extracting(BatchRecord::records).isEqualTo(30L);

        assertThat(pull(api.url(), 100, null)).isEmpty();
        assertThat(RawContents.clientIds(workspace)).hasSize(280).doesNotHaveDuplicates();
    }

    @Test
    void anUpdatedRecordIsLandedAgainWithItsNewVersion() {
        api.putRange(1, 11, T1);
        pull(api.url(), 100, null);

        api.put(5, T2);
        List<BatchRecord> batches = pull(api.url(), 100, null);

        assertThat(batches).singleElement().extracting(BatchRecord::records).isEqualTo(1L);
        RawManifest latest = RawContents.manifests(workspace, "crm", "customers").get(1);
        assertThat(latest.watermarkAfter().get("updated_at").asText()).isEqualTo("2026-11-25T11:00:00.456Z");
        assertThat(latest.watermarkAfter().get("keys")).hasSize(1);
    }

    @Test
    void retriesServerErrorsWithBackoffThenLands() {
        api.putRange(1, 51, T1);
        api.failNext.set(2);

        List<BatchRecord> batches = pull(api.url(), 100, null);

        assertThat(batches).singleElement().extracting(BatchRecord::status).isEqualTo(BatchStatus.LANDED);
        assertThat(api.requests.get()).as("two 503s, then the page").isEqualTo(3);
    }

    @Test
    void aSourceThatStaysDownFailsNamingTheUrlAndLeavesRawAndWatermarkUntouched() throws IOException {
        api.putRange(1, 11, T1);
        pull(api.url(), 100, null);
        String watermark = new StateStore(workspace).load("crm", "customers").watermark().toString();
        String down = "http://127.0.0.1:" + FreePort.find();

        List<BatchRecord> batches = pull(down, 100, null);

        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(b.message()).startsWith("crm: ").contains(down + "/api/v1/customers").contains("after 3 attempts");
        });
        assertThat(RawContents.manifests(workspace, "crm", "customers")).hasSize(1);
        assertThat(new RawZone(workspace).batchDirs("crm", "customers")).hasSize(1);
        try (var staging = Files.list(new RawZone(workspace).stagingRoot())) {
            assertThat(staging).isEmpty();
        }
        assertThat(new StateStore(workspace).load("crm", "customers").watermark().toString()).isEqualTo(watermark);
        assertThat(log.records).extracting(BatchRecord::status).containsExactly(BatchStatus.LANDED, BatchStatus.FAILED);
    }

    @Test
    void sendsTheConfiguredAuthorizationHeader() throws IOException {
        api.close();
        api = new CrmApiStub("s3cr3t");
        api.putRange(1, 6, T1);

        assertThat(pull(api.url(), 100, null)).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(b.message()).contains("HTTP 401");
        });
        assertThat(pull(api.url(), 100, "Bearer s3cr3t")).singleElement().extracting(BatchRecord::records).isEqualTo(5L);
        assertThat(api.authorizations).contains("Bearer s3cr3t");
    }

    @Test
    void keepsToTheRequestRateLimit() {
        IntStream.range(1, 101).forEach(i -> api.put(i, T1));
        ApiClient client = new ApiClient(Duration.ofSeconds(5), null, new RetryPolicy(0, Duration.ZERO), 20);
        long start = System.nanoTime();

        land(new HttpApiConnector(client, "crm", api.url() + "/api/v1/customers", 10, "client_id", "updated_at"));

        assertThat(api.requests.get()).isEqualTo(10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("10 requests at 20/s").isGreaterThanOrEqualTo(Duration.ofMillis(440));
    }

    private List<BatchRecord> pull(String baseUrl, int pageSize, String authorization) {
        ApiClient client = new ApiClient(Duration.ofSeconds(5), authorization, new RetryPolicy(2, Duration.ofMillis(20)), 0);
        return land(new HttpApiConnector(client, "crm", baseUrl + "/api/v1/customers", pageSize, "client_id", "updated_at"));
    }

    private List<BatchRecord> land(HttpApiConnector connector) {
        EntityLanding landing = EntityLanding.open(new RawZone(workspace), new StateStore(workspace), log, "crm", "customers");
        return connector.land(landing, Progress.silent().start("crm", "records"));
    }
}
