package io.c360.governance;

import io.c360.runtime.TestWorkspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.c360.governance.catalog.CatalogColumn;
import io.c360.governance.catalog.CatalogEntry;
import io.c360.governance.catalog.CatalogTable;
import io.c360.governance.catalog.LakeCatalog;
import io.c360.governance.catalog.SearchHit;
import io.c360.governance.lineage.FeedingBatches;
import io.c360.governance.openlineage.LineageRecorder;
import io.c360.lake.LakeSession;
import io.c360.lake.model.Model;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRun;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.PiiKind;
import io.c360.lake.model.RunOptions;
import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawBatchWriter;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real stage run (one small raw batch of accounts through stg_accounts__accounts) with the
 * OpenLineage emitter writing files and POSTing to a local HTTP endpoint, then the catalog of that
 * workspace: every table with its PII classes, state, data quality; search; raw batches feeding a table.
 */
class CatalogAndOpenLineageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static C360Config config;
    static RawBatch batch;
    static List<ModelRun> runs;
    static LakeCatalog catalog;
    static final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runStageWithLineage() throws IOException {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/api/v1/lineage", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes()) + "\n" + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            config = TestWorkspace.loader(workspace)
                    .flag("lineage.openlineage.url", "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/api/v1/lineage")
                    .flag("lineage.openlineage.api-key", "k3y")
                    .load();
            spark = LakeSession.open(config);
            Path file = workspace.resolve("scratch/account0020240523-063958.csv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    1,10,MI,2023-08-10T06:39:58.182050
                    2,10,WI,2023-09-01T10:00:00
                    3,20,TI,2024-01-15T08:30:00
                    4,20,ZZ,2024-02-01T09:00:00
                    """);
            batch = new RawBatchWriter(RawZone.of(config, spark)).land("accounts", "accounts", "file", "delimited", List.of(file));
            ModelRunner runner = ModelRunner.of(config, spark, Progress.silent(), LineageRecorder.from(spark, config, Progress.silent()));
            runs = runner.run(ModelProject.fromClasspath("stage").select(List.of("stg_accounts__accounts")), RunOptions.incremental());
        } finally {
            endpoint.stop(0);
        }
        spark.sql("CREATE TABLE analytics.customer_identity (source STRING, entity STRING, record_key STRING, customer_id STRING) USING iceberg");
        catalog = LakeCatalog.open(spark, config);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theModelRunWritesAnOpenLineageRunEventWithInputsOutputsAndColumnLineage() throws IOException {
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.rowsOut()).isEqualTo(3));
        Path file;
        try (Stream<Path> files = Files.walk(LineageRecorder.folder(config))) {
            file = files.filter(p -> p.getFileName().toString().equals("stage.stg_accounts__accounts.json")).findFirst().orElseThrow();
        }
        JsonNode event = JSON.readTree(file.toFile());
        assertThat(event.get("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(event.get("schemaURL").asText()).startsWith("https://openlineage.io/spec/");
        assertThat(UUID.fromString(event.at("/run/runId").asText())).isNotNull();
        assertThat(event.at("/run/facets/c360/rawBatches/0").asText()).isEqualTo(batch.id());
        assertThat(event.at("/job/namespace").asText()).isEqualTo("c360");
        assertThat(event.at("/job/name").asText()).isEqualTo("stage.stg_accounts__accounts");
        assertThat(event.at("/job/facets/sql/query").asText()).contains("cast(account_id AS BIGINT)");

        assertThat(names(event.get("inputs"), "name")).containsExactly("raw.accounts__accounts");
        assertThat(names(event.at("/inputs/0/facets/schema/fields"), "name")).contains("account_id", "date_of_creation", "_batch_id");

        JsonNode output = event.at("/outputs/0");
        assertThat(output.get("name").asText()).isEqualTo("stage.stg_accounts__accounts");
        assertThat(names(output.at("/facets/schema/fields"), "name"))
                .contains("account_id", "frequency", "created_at", "_batch_id").doesNotContain("_reject_reason", "_raw_record");
        JsonNode createdAt = output.at("/facets/columnLineage/fields/created_at/inputFields/0");
        assertThat(createdAt.get("name").asText()).isEqualTo("raw.accounts__accounts");
        assertThat(createdAt.get("field").asText()).isEqualTo("date_of_creation");
        assertThat(createdAt.at("/transformations/0/type").asText()).isEqualTo("DIRECT");
        assertThat(createdAt.at("/transformations/0/subtype").asText()).isEqualTo("TRANSFORMATION");
        // frequency = CASE upper(trim(frequency)) WHEN 'MI' THEN 'monthly' …: the raw code only picks the branch
        assertThat(output.at("/facets/columnLineage/fields/frequency/inputFields/0/transformations/0/type").asText())
                .isEqualTo("INDIRECT");
        assertThat(output.at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(3);

        assertThat(posted).singleElement().satisfies(body -> {
            assertThat(body).endsWith("\nBearer k3y");
            assertThat(JSON.readTree(body.substring(0, body.lastIndexOf('\n'))).at("/job/name").asText())
                    .isEqualTo("stage.stg_accounts__accounts");
        });
    }

    @Test
    void theRunRecordsItsColumnEdgesInTheLogZone() {
        List<String> createdAt = spark.sql("SELECT concat_ws(' ', input_dataset, input_column, type, subtype) FROM "
                + "ops.lineage_edges WHERE model = 'stage.stg_accounts__accounts' AND column_name = 'created_at'")
                .as(Encoders.STRING()).collectAsList();
        assertThat(createdAt).containsExactly("raw.accounts__accounts date_of_creation DIRECT TRANSFORMATION");
        assertThat(spark.sql("SELECT DISTINCT run_id FROM ops.lineage_edges").as(Encoders.STRING())
                .collectAsList()).singleElement().asString().matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
    }

    @Test
    void everyRawStageAnalyticsAndOpsTableIsInTheCatalog() {
        Set<String> tables = catalog.tables().stream().map(LakeCatalog.TableName::dataset).collect(Collectors.toSet());
        assertThat(tables).contains("raw.crm__customers", "raw.core__transactions", "raw.accounts__accounts", "raw.cards__cards",
                "raw.dispositions__dispositions", "raw.web__sessions", "raw.web__visitor_map", "raw.retail__orders",
                "ops.dq_results", "ops.processed_batches", "ops.lineage_edges", "analytics.customer_identity");
        List<Model> models = new ArrayList<>(ModelProject.fromClasspath("stage").models());
        models.addAll(ModelProject.fromClasspath("analytics").models());
        assertThat(tables).containsAll(models.stream().map(Model::table).toList());
        Set<String> documented = models.stream().map(Model::table).collect(Collectors.toSet());
        for (LakeCatalog.TableName t : catalog.tables()) {
            CatalogTable doc = catalog.describe(t.zone(), t.name()).orElseThrow();
            assertThat(doc.columns()).as(t.dataset() + " columns").isNotEmpty();
            assertThat(doc.owner()).as(t.dataset() + " owner").isNotBlank();
            if (t.zone().equals("raw") || documented.contains(t.dataset())
                    || Set.of("ops.dq_results", "ops.processed_batches", "ops.lineage_edges", "stage.quarantine").contains(t.dataset())) {
                assertThat(doc.description()).as(t.dataset() + " description").isNotBlank();
            }
        }
    }

    @Test
    void columnsCarryTheirClassOfPersonalData() {
        assertThat(pii("stage.stg_crm__customers")).containsEntry("email", "email").containsEntry("birth_date", "birth_date")
                .containsEntry("first_name", "name").containsEntry("national_id", "national_id").containsEntry("annual_income", "income")
                .containsEntry("address_street", "address").containsEntry("phone_raw", "phone")
                .doesNotContainKeys("consent_email", "email_valid", "client_id");
        assertThat(pii("analytics.customer_360")).containsEntry("email", "email").containsEntry("full_name", "name")
                .doesNotContainKey("consent_email");
        assertThat(pii("stage.stg_retail__orders")).containsEntry("contact_email", "email").containsEntry("contact_name", "name");
        // raw fields: by name, or the class of the stage column computed from them (lineage)
        assertThat(pii("raw.crm__customers")).containsEntry("email", "email").containsEntry("birth_date", "birth_date")
                .containsEntry("address", "address").containsEntry("first_name", "name").doesNotContainKey("client_id");
        assertThat(pii("raw.cards__cards")).containsEntry("card_id", "card_number");
        assertThat(pii("ops.dq_results")).isEmpty();
    }

    @Test
    void anEntryHasRowCountsFreshnessAndDataQuality() {
        CatalogEntry stage = catalog.entry("stage", "stg_accounts__accounts").orElseThrow();
        assertThat(stage.status().rowCount()).contains(3L);
        assertThat(stage.status().lastUpdated()).isPresent();
        assertThat(stage.status().freshness()).isEqualTo("fresh");
        assertThat(stage.table().owner()).isEqualTo("data-engineering");
        assertThat(stage.table().builtBy()).isEqualTo("models/stage/stg_accounts__accounts.sql");
        assertThat(stage.quality()).anySatisfy(q -> {
            assertThat(q.test()).isEqualTo("unique(account_id)");
            assertThat(q.status()).isEqualTo("pass");
        });

        CatalogEntry raw = catalog.entry("raw", "accounts__accounts").orElseThrow();
        assertThat(raw.status().rowCount()).contains(4L);
        assertThat(raw.status().freshness()).isEqualTo("fresh");
        assertThat(raw.table().owner()).isEqualTo("core-banking-team");

        CatalogEntry unbuilt = catalog.entry("stage", "stg_crm__customers").orElseThrow();
        assertThat(unbuilt.status().rowCount()).isEmpty();
        assertThat(unbuilt.status().freshness()).isEqualTo("never updated");
        assertThat(catalog.entry("stage", "nope")).isEmpty();
        assertThat(catalog.entry("elsewhere", "stg_crm__customers")).isEmpty();
    }

    @Test
    void searchFindsEveryColumnClassifiedAsEmail() {
        List<SearchHit> hits = catalog.search("email");
        Set<String> classified = hits.stream().filter(h -> "email".equals(h.pii()))
                .map(h -> h.zone() + "." + h.table() + "." + h.column()).collect(Collectors.toSet());
        assertThat(classified).contains("raw.crm__customers.email", "raw.retail__orders.Contact_Email",
                "stage.stg_crm__customers.email", "stage.stg_retail__orders.contact_email", "analytics.customer_360.email");
        // a column named after e-mail but holding no personal data is found by name, not classified
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.column()).isEqualTo("consent_email");
            assertThat(h.pii()).isNull();
        });
        assertThat(catalog.search("national_id")).extracting(SearchHit::pii).contains("national_id");
        assertThat(catalog.search("card_number")).extracting(h -> h.zone() + "." + h.table() + "." + h.column())
                .contains("stage.stg_cards__cards.card_id", "raw.cards__cards.card_id");
    }

    @Test
    void tableLineageNamesTheRawBatchesFeedingIt() {
        assertThat(catalog.feedingBatches("stage.stg_accounts__accounts", 5))
                .containsExactly(new FeedingBatches("stage.stg_accounts__accounts", 1, List.of(batch.id())));
        assertThat(catalog.feedingBatches("analytics.customer_360", 5)).extracting(FeedingBatches::model)
                .containsExactly("stage.stg_accounts__accounts");
    }

    private static Map<String, String> pii(String dataset) {
        CatalogTable t = catalog.describe(dataset.substring(0, dataset.indexOf('.')), dataset.substring(dataset.indexOf('.') + 1))
                .orElseThrow();
        return t.columns().stream().filter(c -> c.pii().isPresent())
                .collect(Collectors.toMap(CatalogColumn::name, c -> c.pii().map(PiiKind::label).orElseThrow()));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
