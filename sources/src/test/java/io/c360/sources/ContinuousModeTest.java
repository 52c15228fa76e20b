package io.c360.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.runtime.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Ticks of continuous mode produce changes that a later read sees through every interface. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContinuousModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant WALL_CLOCK = Instant.parse("2026-11-25T13:45:00Z");

    @TempDir
    static Path workspace;

    private SourceSystems systems;
    private CrmApiServer api;
    private long transactionsBefore;
    private long lastTransIdBefore;
    private long lastClientIdBefore;
    private long truthBefore;

    @BeforeAll
    void generateAndTick() throws Exception {
        systems = SourceSystems.open(TestWorkspace.config(workspace), null);
        ChaosSettings chaos = new ChaosSettings(0.05, 0.01, 0.3, 0.5, 0.1, 0.05, 0.2);
        new HistoryGenerator(SimulationPlan.of(400, 3).withChaos(chaos), workspace, systems.crm(), systems.core(),
                Progress.silent()).generate();
        transactionsBefore = systems.core().count();
        lastTransIdBefore = systems.core().postingsOf(1, Long.MAX_VALUE).stream().mapToLong(Posting::transId).max().orElseThrow();
        lastClientIdBefore = systems.crm().page(Instant.EPOCH, null, 0, 100_000).stream().mapToLong(CrmStore.Entry::clientId).max().orElseThrow();
        truthBefore = Files.readAllLines(GroundTruthWriter.file(workspace)).size();
        api = CrmApiServer.start(systems.crm(), "127.0.0.1", 0, null);
        new ContinuousSimulator(workspace, systems.crm(), systems.core(), Progress.silent(), false)
                .run(2, Duration.ZERO, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC));
        new ContinuousSimulator(workspace, systems.crm(), systems.core(), Progress.silent(), true).tick(WALL_CLOCK.plusSeconds(60));
    }

    @AfterAll
    void close() {
        if (api != null) {
            api.close();
        }
        if (systems != null) {
            systems.close();
        }
    }

    @Test
    void newAndCorrectedTransactionsAreVisibleAndBalancesStillAddUp() throws Exception {
        List<Posting> postings = systems.core().postingsOf(1, Long.MAX_VALUE);
        List<Posting> added = postings.stream().filter(p -> p.transId() > lastTransIdBefore).toList();
        long corrected = postings.stream().filter(p -> p.transId() <= lastTransIdBefore && !p.updatedAt().isBefore(WALL_CLOCK)).count();
        Map<Long, Long> last = new HashMap<>();
        for (Posting p : postings) {
            Long previous = last.put(p.accountId(), p.balance());
            if (previous != null) {
                assertThat(p.balance()).as("trans_id %d", p.transId()).isEqualTo(previous + (p.credit() ? p.amount() : -p.amount()));
            }
        }

        assertThat(added).hasSize(postings.size() - (int) transactionsBefore).isNotEmpty();
        // recorded after any earlier watermark, so an incremental extractor sees every one of them
        assertThat(added).allMatch(p -> !p.updatedAt().isBefore(WALL_CLOCK));
        assertThat(added).anyMatch(p -> p.date().isBefore(SimulationPlan.DEFAULT_END_DATE));
        assertThat(corrected).isPositive();
    }

    @Test
    void crmApiShowsNewAndChangedCustomersAfterTheWatermark() throws Exception {
        List<JsonNode> changed = since(WALL_CLOCK);
        List<JsonNode> drifted = since(WALL_CLOCK.plusSeconds(60));
        Set<Long> ids = changed.stream().map(c -> c.path("client_id").asLong()).collect(Collectors.toSet());
        Set<Long> newClients = since(Instant.EPOCH).stream().map(c -> c.path("client_id").asLong())
                .filter(id -> id > lastClientIdBefore).collect(Collectors.toSet());

        assertThat(changed).isNotEmpty().allMatch(c -> !Instant.parse(c.path("updated_at").asText()).isBefore(WALL_CLOCK));
        assertThat(newClients).isNotEmpty();
        assertThat(ids).containsAll(newClients).anyMatch(id -> id <= lastClientIdBefore);
        assertThat(drifted).isNotEmpty().allMatch(c -> c.has("loyalty_tier"));
        assertThat(changed.stream().filter(c -> Instant.parse(c.path("updated_at").asText()).isBefore(WALL_CLOCK.plusSeconds(60))))
                .noneMatch(c -> c.has("loyalty_tier"));
    }

    @Test
    void eachTickDropsNewCompleteFilesAndExtendsTheGroundTruth() throws Exception {
        Path landing = workspace.resolve("landing");
        List<Path> accountFiles = TestWorkspace.files(landing.resolve("accounts"), "account00*.csv");
        List<Path> sessionFiles = TestWorkspace.files(landing.resolve("web"), "ga_sessions_202611*.json");
        List<String> truth = Files.readAllLines(GroundTruthWriter.file(workspace));

        assertThat(accountFiles).hasSize(4);
        assertThat(accountFiles.get(1).getFileName().toString()).isEqualTo("account0020261101-134500.csv");
        assertThat(sessionFiles).extracting(p -> p.getFileName().toString())
                .containsExactly("ga_sessions_20261101.json", "ga_sessions_20261102.json", "ga_sessions_20261103.json");
        for (Path file : accountFiles) {
            assertThat(WorkshopFormatReader.accounts(file).rows()).isNotEmpty();
        }
        assertThat(TestWorkspace.allFiles(landing)).noneMatch(p -> p.toString().endsWith(".tmp"));
        assertThat(truth.size()).isGreaterThan((int) truthBefore);
        assertThat(truth).doesNotHaveDuplicates();
        assertThat(SimulationState.load(workspace).tick).isEqualTo(3);
    }

    private List<JsonNode> since(Instant watermark) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            String url = api.baseUrl() + CrmApiServer.PATH + "?limit=1000&updated_since=" + watermark + (token == null ? "" : "&page_token=" + token);
            JsonNode page = JSON.readTree(TestWorkspace.get(url, null).body());
            page.path("items").forEach(out::add);
            token = page.path("next_page_token").isNull() ? null : page.path("next_page_token").asText();
        } while (token != null);
        return out;
    }
}
