package io.c360.app.scale;

import io.c360.app.ChildProcess;
import io.c360.app.CliTest;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.FreePort;
import io.c360.runtime.PostgresService;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.Role;
import io.c360.governance.catalog.IcebergTableDocs;
import io.c360.serve.sql.Query;
import io.c360.serve.sql.QueryService;
import io.c360.serve.sql.ResultColumn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out path of DESIGN.md §8, on real servers started here: a Spark standalone master and
 * worker (separate JVMs), an S3-compatible server (S3Proxy), an external PostgreSQL for the Iceberg
 * catalog and the profile store, and Trino reading the same tables. The same simulated company runs
 * once embedded (local Spark, local folders, the workspace's PostgreSQL) and once scaled out;
 * customer_360 must be the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Path IT_TOOLS = Path.of("target", "it").toAbsolutePath();
    private static final String BUCKET = "c360";
    private static final String CUSTOMER_360 = "SELECT * FROM analytics.customer_360 ORDER BY customer_id";

    @TempDir
    static Path root;

    private final String asOf = LocalDate.now(ZoneOffset.UTC).toString();
    private S3Server s3;
    private EmbeddedPostgres externalPostgres;
    private LocalSparkCluster cluster;
    private PostgresService sourceSystems;
    private Process crm;
    private String crmUrl;
    private Path embedded;
    private Path scaledOut;

    @BeforeAll
    void startTheServersAndSimulateACompany() throws IOException {
        s3 = S3Server.start(root.resolve("s3"), IT_TOOLS.resolve("s3proxy.jar"), BUCKET);
        externalPostgres = EmbeddedPostgres.builder().setPort(FreePort.find())
                .setDataDirectory(root.resolve("external-postgres")).setCleanDataDirectory(true).start();
        cluster = LocalSparkCluster.start(root.resolve("spark"), sparkDistributionJars(), 1, 1, "1g");

        embedded = root.resolve("embedded");
        scaledOut = root.resolve("scaled-out");
        crmUrl = "http://127.0.0.1:" + FreePort.find();
        assertThat(c360(embedded, "sources", "generate", "--customers", "40", "--months", "1", "--seed", "7").exit()).isZero();
        copyTree(embedded.resolve("landing"), scaledOut.resolve("landing"));
        // both runs read the same source systems: the simulator's CRM API and core-banking database
        sourceSystems = PostgresService.open(ConfigLoader.withEnvironment(Map.of("C360_HOME", embedded.toString())).load());
        crm = ChildProcess.c360(embedded, "--set", "crm.url=" + crmUrl, "sources", "serve-crm")
                .redirectOutput(root.resolve("crm.log").toFile()).start();
        ItProcess.awaitHttp(crmUrl, crm, Duration.ofSeconds(120));
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (crm != null) {
            crm.destroy();
            crm.waitFor();
        }
        for (AutoCloseable c : new AutoCloseable[] {sourceSystems, cluster, externalPostgres, s3}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void thePipelineOnASparkClusterWithS3AndAnExternalPostgresGivesTheSameCustomer360AsTheEmbeddedRun() throws Exception {
        CliTest.Result local = c360(embedded, "--set", "crm.url=" + crmUrl, "--set", "spark.master=local[2]", "run", "--as-of", asOf);
        assertThat(local.exit()).as(local.err()).isZero();

        CliTest.Result scaled = c360(scaledOut, scaledOutSettings(cluster.masterUrl(), "run", "--as-of", asOf));
        assertThat(scaled.exit()).as(scaled.out() + scaled.err()).isZero();
        assertThat(scaled.out()).contains("succeeded");

        assertThat(completedSparkApps()).as("the run's Spark application ran on the standalone cluster").contains("c360");
        Path bucket = s3.bucketFolder(BUCKET);
        assertThat(bucket.resolve("raw/crm/customers")).as("raw zone on S3").isDirectory();
        assertThat(filesUnder(bucket.resolve("raw/core/transactions"))).anyMatch(f -> f.endsWith(".parquet"));
        assertThat(filesUnder(bucket.resolve("warehouse/analytics/customer_360"))).anyMatch(f -> f.endsWith(".metadata.json"));
        assertThat(scaledOut.resolve("raw")).doesNotExist();
        assertThat(scaledOut.resolve("warehouse")).doesNotExist();
        assertThat(scaledOut.resolve("postgres")).as("no embedded PostgreSQL").doesNotExist();
        assertThat(externalCount("iceberg_catalog", "SELECT count(*) FROM iceberg_tables WHERE table_namespace = 'analytics'"))
                .isGreaterThanOrEqualTo(5);
        assertThat(externalCount("c360", "SELECT count(*) FROM serving.profiles")).isPositive();

        List<List<String>> expected = csvRows(c360(embedded, "sql", "--format", "csv", "--limit", "1000000", CUSTOMER_360));
        List<List<String>> actual = csvRows(c360(scaledOut, scaledOutSettings("local[2]", "sql", "--format", "csv", "--limit", "1000000", CUSTOMER_360)));
        assertThat(expected.size()).as("customers, with the header").isGreaterThan(20);
        assertThat(actual.get(0)).isEqualTo(expected.get(0));
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 1; i < expected.size(); i++) {
            assertSameValues(expected.get(0), expected.get(i), actual.get(i));
        }
    }

    @Test
    @Order(2)
    void trinoReadsTheAnalyticsTablesAndAnswersTheSqlApisQueriesTheSame() {
        Path javaHome = Path.of(System.getProperty("c360.trino.java-home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        List<String> queries = List.of(
                "SELECT count(*) AS customers, count(crm_client_id) AS in_crm, sum(products_held) AS products, "
                        + "sum(annual_income) AS income FROM analytics.customer_360",
                "SELECT life_stage, count(*) AS customers, round(avg(age), 2) AS avg_age, max(tenure_years) AS max_tenure "
                        + "FROM analytics.customer_360 GROUP BY life_stage ORDER BY life_stage NULLS FIRST",
                "SELECT customer_id, crm_client_id, full_name, life_stage, income_band, tenure_years, products_held, "
                        + "credit_avg_3m, consent_email, array_join(traffic_sources, ',') AS traffic_sources "
                        + "FROM analytics.customer_360 ORDER BY customer_id",
                "SELECT c.region, count(DISTINCT c.customer_id) AS customers, count(*) AS transactions, sum(t.amount) AS amount "
                        + "FROM analytics.customer_360 c JOIN analytics.fct_transactions t ON t.customer_id = c.customer_id "
                        + "GROUP BY c.region ORDER BY c.region NULLS FIRST");
        Map<String, String> catalog = new LinkedHashMap<>();
        catalog.put("connector.name", "iceberg");
        catalog.put("iceberg.catalog.type", "jdbc");
        catalog.put("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver");
        catalog.put("iceberg.jdbc-catalog.connection-url", externalUrl("iceberg_catalog"));
        catalog.put("iceberg.jdbc-catalog.connection-user", "postgres");
        catalog.put("iceberg.jdbc-catalog.catalog-name", LakeSession.CATALOG);
        catalog.put("iceberg.jdbc-catalog.default-warehouse-dir", "s3a://" + BUCKET + "/warehouse");
        catalog.put("fs.native-s3.enabled", "true");
        catalog.put("s3.endpoint", s3.endpoint());
        catalog.put("s3.region", "us-east-1");
        catalog.put("s3.path-style-access", "true");
        catalog.put("s3.aws-access-key", S3Server.ACCESS_KEY);
        catalog.put("s3.aws-secret-key", S3Server.SECRET_KEY);

        try (TrinoServer trino = TrinoServer.start(root.resolve("trino"), trinoInstall(), IT_TOOLS.resolve("trino-plugins"), javaHome, catalog)) {
            SparkSession spark = LakeSession.open(scaledOutConfig("local[2]"));
            try (QueryService sqlApi = new QueryService(spark, new IcebergTableDocs(spark), new QueryService.Limits(1, 100_000, Duration.ofMinutes(5)))) {
                for (String sql : queries) {
                    Query q = await(sqlApi.submit(sql, new ApiKey("it", "scale-out test", Role.ADMIN, Instant.now(), null)));
                    TrinoServer.Result t = trino.query(sql);
                    List<String> names = q.columns().stream().map(ResultColumn::name).toList();
                    assertThat(t.columns()).as(sql).isEqualTo(names);
                    assertThat(t.rows()).as(sql).hasSameSizeAs(q.rows()).isNotEmpty();
                    for (int i = 0; i < q.rows().size(); i++) {
                        List<String> spark360 = Stream.of(q.rows().get(i)).map(ScaleOutIT::text).toList();
                        List<String> trino360 = t.rows().get(i).stream().map(v -> v.isNull() ? null : v.asText()).toList();
                        assertSameValues(names, spark360, trino360);
                    }
                }
            } finally {
                spark.stop();
            }
        }
    }

    // ---- configurations

    private String[] scaledOutSettings(String master, String... command) {
        List<String> args = new ArrayList<>();
        scaledOutValues(master).forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private C360Config scaledOutConfig(String master) {
        C360Config config = ConfigLoader.withEnvironment(Map.of("C360_HOME", scaledOut.toString())).load();
        for (Map.Entry<String, String> e : scaledOutValues(master).entrySet()) {
            config = config.with(e.getKey(), e.getValue(), "test");
        }
        return config;
    }

    /** Exactly the settings README's "Running at scale" documents, pointed at the servers of this test. */
    private Map<String, String> scaledOutValues(String master) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("spark.master", master);
        v.put("spark.app-jar", Path.of("target", "c360-spark-app.jar").toAbsolutePath().toString());
        v.put("spark.conf.spark.executor.memory", "768m");
        // S3Proxy's file-system store answers multi-object deletes slowly: one DELETE per object instead
        v.put("spark.conf.spark.hadoop.fs.s3a.multiobjectdelete.enable", "false");
        v.put("warehouse", "s3a://" + BUCKET + "/warehouse");
        v.put("raw-zone", "s3a://" + BUCKET + "/raw");
        v.put("s3.endpoint", s3.endpoint());
        v.put("s3.region", "us-east-1");
        v.put("s3.path-style-access", "true");
        v.put("s3.access-key", S3Server.ACCESS_KEY);
        v.put("s3.secret-key", S3Server.SECRET_KEY);
        v.put("postgres.url", "jdbc:postgresql://127.0.0.1:" + externalPostgres.getPort());
        v.put("postgres.user", "postgres");
        v.put("source-db.url", sourceSystems.jdbcUrl("core_banking"));
        v.put("source-db.user", sourceSystems.user());
        v.put("crm.url", crmUrl);
        return v;
    }

    // ---- helpers

    private static CliTest.Result c360(Path workspace, String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", workspace.toString()));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    private List<String> completedSparkApps() {
        List<String> names = new ArrayList<>();
        cluster.status().path("completedapps").forEach(app -> names.add(app.path("name").asText()));
        return names;
    }

    private String externalUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + externalPostgres.getPort() + "/" + database;
    }

    private long externalCount(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(externalUrl(database), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The cluster's own jars: Spark and the libraries c360 uses (the launcher's target/lib), as on a
     * distribution with Iceberg installed; c360's classes only come with the application jar.
     */
    private static List<Path> sparkDistributionJars() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "lib").toAbsolutePath())) {
            return jars.filter(j -> !j.getFileName().toString().startsWith("c360-")).sorted().toList();
        }
    }

    private static Path trinoInstall() {
        try (Stream<Path> dirs = Files.list(IT_TOOLS.resolve("trino"))) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("lib"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no Trino server unpacked under " + IT_TOOLS.resolve("trino")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query await(Query q) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!q.status().finished() && System.nanoTime() < deadline) {
            ItProcess.sleep(100);
        }
        assertThat(q.error()).as(q.sql()).isNull();
        return q;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<List<String>> csvRows(CliTest.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        List<List<String>> rows = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            if (!line.isEmpty()) {
                rows.add(Csv.fields(line));
            }
        }
        return rows;
    }

    /** Equal values; numbers equal as numbers (1.0 = 1.00), doubles to 1e-9 relative (sums may add up in another order). */
    private static void assertSameValues(List<String> columns, List<String> expected, List<String> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int c = 0; c < expected.size(); c++) {
            String e = blankToNull(expected.get(c));
            String a = blankToNull(actual.get(c));
            BigDecimal en = number(e);
            BigDecimal an = number(a);
            if (en != null && an != null) {
                BigDecimal tolerance = en.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-9"));
                assertThat(en.subtract(an).abs()).as("%s in row %s: %s vs %s", columns.get(c), expected, e, a)
                        .isLessThanOrEqualTo(tolerance);
            } else {
                assertThat(a).as("%s in row %s", columns.get(c), expected).isEqualTo(e);
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static BigDecimal number(String s) {
        if (s == null || !s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
