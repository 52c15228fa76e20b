package io.c360.ingest;

import io.c360.runtime.TestWorkspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.ingest.jdbc.JdbcIncrementalConnector;
import io.c360.ingest.jdbc.SourceDatabase;
import io.c360.ingest.raw.RawZone;
import io.c360.ingest.state.StateStore;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.FreePort;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcIncrementalConnectorTest {

    @TempDir
    static Path workspace;

    private static PostgresService postgres;
    private static SparkSession spark;
    private static SourceDatabase database;
    private final RecordedBatches log = new RecordedBatches();

    @BeforeAll
    static void start() {
        C360Config config = testConfig(workspace);
        postgres = PostgresService.open(config);
        postgres.dataSource("core_banking");
        database = new SourceDatabase(postgres.jdbcUrl("core_banking"), postgres.user(), postgres.password());
        spark = LakeSession.open(config);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static C360Config testConfig(Path workspace) {
        return TestWorkspace.config(workspace);
    }

    /** The documented core-banking table, under another name per test. */
    static void createTransactions(PostgresService postgres, String table) throws SQLException {
        sql(postgres, "CREATE TABLE " + table + " (trans_id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL, date DATE NOT NULL, "
                + "type TEXT NOT NULL, operation TEXT, amount NUMERIC(14,2) NOT NULL, balance NUMERIC(14,2) NOT NULL, "
                + "k_symbol TEXT, updated_at TIMESTAMPTZ NOT NULL)",
                "CREATE INDEX " + table + "_updated ON " + table + " (updated_at, trans_id)");
    }

    /** Inserts rows {@code from..to} with the given updated_at expression (may use g, the row number). */
    static void insert(PostgresService postgres, String table, long from, long to, String updatedAt) throws SQLException {
        sql(postgres, "INSERT INTO " + table + " SELECT g, g % 97, DATE '2024-01-01' + (g % 365)::int, "
                + "CASE WHEN g % 2 = 0 THEN 'credit' ELSE 'debit' END, 'CCW', (g % 1000) + 0.25, 1000.00, 'SIPO', "
                + updatedAt + " FROM generate_series(" + from + ", " + to + ") g");
    }

    static void sql(PostgresService postgres, String... statements) throws SQLException {
        try (Connection c = postgres.connect("core_banking"); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    @Test
    void firstLoadReadsRangesInParallelThenOnlyInsertsAndUpdates() throws SQLException {
        createTransactions(postgres, "tx_full");
        insert(postgres, "tx_full", 1, 5000, "TIMESTAMPTZ '2026-11-25 10:00:00+00' + g * INTERVAL '1 microsecond'");

        List<BatchRecord> first = land("tx_full", database);

        assertThat(first).singleElement().extracting(BatchRecord::records).isEqualTo(5000L);
        RawManifest m = RawContents.manifests(workspace, "core_tx_full", "transactions").get(0);
        assertThat(m.format()).isEqualTo("parquet");
        assertThat(m.files()).as("four parallel range reads").hasSize(4);
        assertThat(m.watermarkAfter().get("trans_id").asLong()).isEqualTo(5000);
        assertThat(m.watermarkAfter().get("updated_at").asText()).isEqualTo("2026-11-25T10:00:00.005Z");
        assertThat(transIds(m)).hasSize(5000).doesNotHaveDuplicates();

        sql(postgres, "UPDATE tx_full SET amount = 999.99, updated_at = now() WHERE trans_id IN (10, 20, 30)");
        insert(postgres, "tx_full", 5001, 5005, "now()");
        List<BatchRecord> second = land("tx_full", database);

        assertThat(second).singleElement().extracting(BatchRecord::records).isEqualTo(8L);
        RawManifest increment = RawContents.manifests(workspace, "core_tx_full", "transactions").get(1);
        assertThat(increment.watermarkBefore()).isEqualTo(m.watermarkAfter());
        List<Row> rows = spark.read().parquet(files(increment)).where("trans_id = 20").collectAsList();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.<BigDecimal>getAs("amount")).isEqualByComparingTo("999.99"));

        assertThat(land("tx_full", database)).as("nothing changed").isEmpty();
    }

    @Test
    void rowsSharingTheBookmarkTimestampOrOneMicrosecondApartAreLandedExactlyOnce() throws SQLException {
        createTransactions(postgres, "tx_ties");
        String t = "TIMESTAMPTZ '2026-11-25 12:00:00.000001+00'";
        insert(postgres, "tx_ties", 100, 124, t);
        assertThat(land("tx_ties", database)).singleElement().extracting(BatchRecord::records).isEqualTo(25L);

        insert(postgres, "tx_ties", 125, 149, t); // late rows at the very same instant, higher keys
        assertThat(land("tx_ties", database)).singleElement().extracting(BatchRecord::records).isEqualTo(25L);

        insert(postgres, "tx_ties", 1, 1, "TIMESTAMPTZ '2026-11-25 12:00:00.000002+00'"); // lower key, 1 µs later
        assertThat(land("tx_ties", database)).singleElement().extracting(BatchRecord::records).isEqualTo(1L);

        List<RawManifest> manifests = RawContents.manifests(workspace, "core_tx_ties", "transactions");
        assertThat(manifests.get(2).watermarkAfter().get("updated_at").asText()).isEqualTo("2026-11-25T12:00:00.000002Z");
        assertThat(manifests.stream().flatMap(mf -> transIds(mf).stream()).toList()).hasSize(51).doesNotHaveDuplicates();
    }

    @Test
    void anUnreachableDatabaseFailsNamingItsUrlAndLandsNothing() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/core_banking";

        List<BatchRecord> batches = land("tx_down", new SourceDatabase(url, "postgres", ""));

        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(b.message()).startsWith("core_tx_down: connecting to " + url).contains("after 2 attempts");
        });
        assertThat(workspace.resolve("raw/core_tx_down/transactions")).doesNotExist();
        assertThat(new StateStore(workspace).load("core_tx_down", "transactions").watermark()).isNull();
    }

    private List<BatchRecord> land(String table, SourceDatabase db) {
        JsonNode settings = new ObjectMapper().valueToTree(Map.of("table", table, "bookmark", List.of("updated_at", "trans_id"),
                "partition-column", "trans_id", "partitions", 4, "parallel-above-rows", 1000));
        String source = "core_" + table;
        EntityLayout layout = new EntityLayout(source, "transactions", null, null, LayoutFormat.PARQUET, false, ",", "UTF-8",
                List.of(), settings);
        EntityLanding landing = EntityLanding.open(new RawZone(workspace), new StateStore(workspace), log, source, "transactions");
        return new JdbcIncrementalConnector(spark, db, new RetryPolicy(1, Duration.ofMillis(10)), 1000)
                .land(layout, landing, Progress.silent().start(source, "rows"));
    }

    private static String[] files(RawManifest m) {
        return m.files().stream().map(f -> RawContents.batchDir(workspace, m).resolve(f.name()).toString()).toArray(String[]::new);
    }

    private static List<Long> transIds(RawManifest m) {
        return spark.read().parquet(files(m)).select("trans_id").collectAsList().stream().map(r -> r.getLong(0)).toList();
    }
}
