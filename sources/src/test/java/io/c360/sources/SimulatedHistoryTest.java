package io.c360.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.runtime.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One generated history (2,500 people, dirty on purpose: 20% CRM duplicates, 10% malformed
 * values) read back through the interfaces the platform uses: files, PostgreSQL, the CRM API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedHistoryTest {

    private static final double DUPLICATES = 0.2;
    private static final double MALFORMED = 0.1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workspace;

    private SourceSystems systems;
    private CrmApiServer api;
    private SourceCounts counts;
    private List<JsonNode> crmItems;
    private Map<String, Set<String>> truth;

    @BeforeAll
    void generate() throws Exception {
        systems = SourceSystems.open(TestWorkspace.config(workspace), null);
        SimulationPlan plan = SimulationPlan.of(2500, 11)
                .withChaos(ChaosSettings.defaults().withDuplicateRate(DUPLICATES).withMalformedRate(MALFORMED));
        counts = new HistoryGenerator(plan, workspace, systems.crm(), systems.core(), Progress.silent()).generate();
        api = CrmApiServer.start(systems.crm(), "127.0.0.1", 0, null);
        crmItems = readAllCustomers(173);
        truth = readTruth();
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
    void generatedFilesParseWithTheWorkshopRulesAndCarryTheConfiguredShareOfDefects() throws Exception {
        Path landing = workspace.resolve("landing");
        WorkshopFormatReader.Result accounts = WorkshopFormatReader.accounts(TestWorkspace.onlyFile(landing.resolve("accounts"), "account00*.csv"));
        WorkshopFormatReader.Result cards = WorkshopFormatReader.cards(TestWorkspace.onlyFile(landing.resolve("cards"), "card00*.csv"));
        WorkshopFormatReader.Result dispositions = WorkshopFormatReader.dispositions(TestWorkspace.onlyFile(landing.resolve("dispositions"), "dispositions00*.csv"));
        WorkshopFormatReader.Result visitors = WorkshopFormatReader.visitorMap(TestWorkspace.onlyFile(landing.resolve("web"), "ga_visitors00*.csv"));
        WorkshopFormatReader.Result retail = WorkshopFormatReader.retail(TestWorkspace.onlyFile(landing.resolve("retail"), "retail00*.csv"));
        int sessions = 0;
        int truncated = 0;
        List<Path> days = TestWorkspace.files(landing.resolve("web"), "ga_sessions_*.json");
        for (Path day : days) {
            WorkshopFormatReader.Result result = WorkshopFormatReader.webSessions(day);
            sessions += result.total();
            truncated += result.rejects().size();
            assertThat(result.rejects()).allMatch(r -> r.contains("not JSON"));
        }

        assertThat(days).hasSize(365);
        assertThat(dispositions.rejects()).isEmpty();
        assertThat(visitors.rejects()).isEmpty();
        assertThat(accounts.rejectShare()).isCloseTo(MALFORMED, within(MALFORMED * 0.2));
        assertThat(cards.rejectShare()).isCloseTo(MALFORMED, within(MALFORMED * 0.2));
        assertThat(retail.rejectShare()).isCloseTo(MALFORMED, within(MALFORMED * 0.2));
        assertThat(retail.rejects()).allMatch(r -> r.contains("Order_Date: '50/") || r.contains("Sales: 'n/a'"));
        assertThat(truncated / (double) sessions).isCloseTo(MALFORMED, within(MALFORMED * 0.2));
        assertThat(sessions).isEqualTo(counts.get("web_sessions"));
        assertThat(Files.list(landing.resolve("web")).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }

    @Test
    void crmApiServesEveryCustomerOnceInOrderWithTheConfiguredShareOfMalformedRecords() throws Exception {
        List<String> lines = crmItems.stream().map(JsonNode::toString).toList();
        WorkshopFormatReader.Result crm = WorkshopFormatReader.crm(lines);
        List<String> keys = crmItems.stream().map(c -> c.path("updated_at").asText() + "|" + String.format("%09d", c.path("client_id").asLong())).toList();

        assertThat(crmItems).hasSize((int) systems.crm().count()).hasSize((int) counts.get("crm"));
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(crm.rejectShare()).isCloseTo(MALFORMED, within(MALFORMED * 0.2));
        assertThat(crmItems).allMatch(c -> c.path("address").path("country").asText().equals("BR"));
        assertThat(crmItems.stream().filter(c -> c.path("national_id").isTextual()))
                .allMatch(c -> WorkshopFormatReader.Cpf.valid(c.path("national_id").asText()));
        assertThat(crmItems.stream().filter(c -> c.path("phone").isTextual()))
                .allMatch(c -> c.path("phone").asText().matches("(\\+55 \\d{2}|\\(\\d{2}\\)) 9\\d{4}-\\d{4}"));
    }

    @Test
    void updatedSinceIsInclusiveAndTiesArePagedByClientId() throws Exception {
        Instant tie = Instant.parse("2030-01-01T00:00:00.123Z");
        Map<Long, CrmStore.Entry> twins = new LinkedHashMap<>();
        for (long id : new long[]{900_002, 900_001}) {
            twins.put(id, new CrmStore.Entry(id, tie, "{\"client_id\":" + id + ",\"updated_at\":\"" + tie + "\"}"));
        }
        systems.crm().upsert(twins);
        try {
            JsonNode first = page("updated_since=" + tie + "&limit=1");
            JsonNode second = page("updated_since=" + tie + "&limit=1&page_token=" + first.path("next_page_token").asText());
            Instant middle = Instant.parse(crmItems.get(crmItems.size() / 2).path("updated_at").asText());
            long expected = crmItems.stream().filter(c -> !Instant.parse(c.path("updated_at").asText()).isBefore(middle)).count() + 2;

            assertThat(first.path("items").get(0).path("client_id").asLong()).isEqualTo(900_001);
            assertThat(second.path("items").get(0).path("client_id").asLong()).isEqualTo(900_002);
            assertThat(second.path("next_page_token").isNull()).isTrue();
            assertThat(readSince(middle, 250)).hasSize((int) expected);
            assertThat(page("updated_since=2031-01-01T00:00:00Z").path("items")).isEmpty();
        } finally {
            try (var c = systems.crm().connect(); var s = c.createStatement()) {
                s.execute("DELETE FROM customers WHERE client_id >= 900000");
            }
        }
    }

    @Test
    void badRequestsAreRejectedAndATokenIsEnforced() throws Exception {
        String base = api.baseUrl() + CrmApiServer.PATH;
        assertThat(TestWorkspace.get(base + "?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(TestWorkspace.get(base + "?limit=1001", null).statusCode()).isEqualTo(400);
        assertThat(TestWorkspace.get(base + "?updated_since=yesterday", null).body()).contains("updated_since");
        assertThat(TestWorkspace.get(base + "?page_token=garbage", null).statusCode()).isEqualTo(400);
        try (CrmApiServer secured = CrmApiServer.start(systems.crm(), "127.0.0.1", 0, "s3cret")) {
            String url = secured.baseUrl() + CrmApiServer.PATH + "?limit=1";
            assertThat(TestWorkspace.get(url, null).statusCode()).isEqualTo(401);
            assertThat(TestWorkspace.get(url, "wrong").statusCode()).isEqualTo(401);
            assertThat(TestWorkspace.get(url, "s3cret").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void runningBalancesAddUpAndSomeAccountsGoIntoOverdraft() throws Exception {
        List<Posting> postings = systems.core().postingsOf(1, Long.MAX_VALUE);
        Map<Long, Long> lastBalance = new HashMap<>();
        int checked = 0;
        for (Posting p : postings) {
            Long previous = lastBalance.put(p.accountId(), p.balance());
            if (previous != null) {
                assertThat(p.balance()).as("trans_id %d", p.transId()).isEqualTo(previous + (p.credit() ? p.amount() : -p.amount()));
                checked++;
            }
        }

        assertThat(postings).hasSize((int) counts.get("transactions"));
        assertThat(checked).isGreaterThan(postings.size() * 9 / 10);
        assertThat(postings).allMatch(p -> p.amount() > 0 && Set.of("credit", "debit").contains(p.type()));
        assertThat(postings.stream().map(Posting::operation).filter(o -> o != null).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("CCK", "CAB", "CCW", "WCA", "RAB");
        assertThat(postings.stream().filter(p -> p.balance() < 0).map(Posting::accountId).distinct().count())
                .isBetween(1L, lastBalance.size() / 2L);
        // about 100 postings per account-year: 100k people x 12 months gives ~10 million
        assertThat(postings.size() / (double) lastBalance.size()).isBetween(70.0, 130.0);
    }

    @Test
    void crmDuplicatesMatchTheConfiguredRate() {
        Set<String> crmPersons = new HashSet<>();
        Map<String, Integer> keysPerPerson = new HashMap<>();
        truth.get("crm,customers").forEach(line -> {
            String person = line.substring(line.lastIndexOf(',') + 1);
            crmPersons.add(person);
            keysPerPerson.merge(person, 1, Integer::sum);
        });
        long duplicated = keysPerPerson.values().stream().filter(n -> n == 2).count();

        assertThat(keysPerPerson.values()).allMatch(n -> n <= 2);
        assertThat(duplicated / (double) crmPersons.size()).isCloseTo(DUPLICATES, within(DUPLICATES * 0.2));
    }

    @Test
    void groundTruthCoversEveryGeneratedPersonRecord() throws Exception {
        Path landing = workspace.resolve("landing");
        Set<String> crmKeys = keys("crm,customers");
        Set<String> dispositionKeys = keys("dispositions,dispositions");
        Set<String> retailKeys = keys("retail,orders");
        Set<String> visitorKeys = keys("web,visitor_map");

        assertThat(crmKeys).containsAll(crmItems.stream().map(c -> c.path("client_id").asText()).toList());
        assertThat(crmKeys).hasSize(crmItems.size());
        assertThat(dispositionKeys).containsAll(column(TestWorkspace.onlyFile(landing.resolve("dispositions"), "dispositions00*.csv"), 2, false));
        assertThat(retailKeys).containsExactlyInAnyOrderElementsOf(column(TestWorkspace.onlyFile(landing.resolve("retail"), "retail00*.csv"), 0, true));
        assertThat(visitorKeys).containsExactlyInAnyOrderElementsOf(column(TestWorkspace.onlyFile(landing.resolve("web"), "ga_visitors00*.csv"), 0, false));
        assertThat(truth.values().stream().mapToInt(Set::size).sum()).isEqualTo((int) counts.get("truth"));
    }

    private Set<String> keys(String sourceEntity) {
        return truth.get(sourceEntity).stream().map(l -> l.split(",")[2]).collect(Collectors.toSet());
    }

    private static Set<String> column(Path csv, int index, boolean header) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.stream().skip(header ? 1 : 0).map(l -> l.split(",")[index]).collect(Collectors.toSet());
    }

    /** source,entity → the truth lines of that kind; fails on a repeated record key. */
    private Map<String, Set<String>> readTruth() throws Exception {
        List<String> lines = Files.readAllLines(GroundTruthWriter.file(workspace));
        assertThat(lines.get(0)).isEqualTo("source,entity,record_key,person_id");
        Map<String, Set<String>> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(seen.add(f[0] + "," + f[1] + "," + f[2])).as("unique key %s", line).isTrue();
            out.computeIfAbsent(f[0] + "," + f[1], k -> new HashSet<>()).add(line);
        }
        return out;
    }

    private List<JsonNode> readAllCustomers(int limit) throws Exception {
        return readSince(Instant.EPOCH, limit);
    }

    private List<JsonNode> readSince(Instant since, int limit) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = page("updated_since=" + since + "&limit=" + limit
                    + (token == null ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            page.path("items").forEach(items::add);
            token = page.path("next_page_token").isNull() ? null : page.path("next_page_token").asText();
        } while (token != null);
        return items;
    }

    private JsonNode page(String query) throws Exception {
        HttpResponse<String> response = TestWorkspace.get(api.baseUrl() + CrmApiServer.PATH + "?" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
