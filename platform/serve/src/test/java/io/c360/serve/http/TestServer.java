package io.c360.serve.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.PostgresService;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import io.c360.serve.sql.QueryService;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.Profile;
import io.c360.serve.store.ProfileStore;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A real c360 server for tests: embedded PostgreSQL on a temp workspace, a profile store seeded
 * through {@link ProfileStore#publish}, a local Spark session with a small customer_360-like
 * Iceberg table, and Javalin on a free port.
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final PostgresService postgres;
    final ProfileStore store;
    final ApiKeys keys;
    final AuditLog audit;
    final SparkSession spark;
    final ServeServer server;
    final String adminKey;
    final String analystKey;
    final String serviceKey;
    final String baseUrl;

    TestServer(Path workspace) {
        C360Config config = ConfigLoader.withEnvironment(Map.of("C360_HOME", workspace.toString()))
                .flag("spark.master", "local[2]").flag("spark.conf.spark.sql.shuffle.partitions", "4").load();
        postgres = PostgresService.open(config);
        store = ProfileStore.open(postgres);
        store.publish("run-test-1", seedProfiles().iterator());
        keys = ApiKeys.open(postgres);
        adminKey = keys.create("ada-admin", Role.ADMIN).plainText();
        analystKey = keys.create("ana-analyst", Role.ANALYST).plainText();
        serviceKey = keys.create("svc-crm", Role.SERVICE).plainText();
        audit = AuditLog.open(postgres);
        spark = LakeSession.open(config);
        createCustomer360(spark);
        Lake lake = Lake.open(spark, config, new QueryService.Limits(2, 1000, Duration.ofMinutes(2)));
        server = new ServeServer(store, keys, audit, CompletableFuture.completedFuture(lake)).start("127.0.0.1", 0);
        baseUrl = "http://127.0.0.1:" + server.port();
    }

    static List<Profile> seedProfiles() {
        return List.of(
                profile("C1", "Maria", "Souza", "maria.souza@example.com", "+55 11 98765-4321", "123.456.789-09", "5001", "B10", 12),
                profile("C2", "João", "Pereira", "joao.p@example.org", "+55 21 91234-5678", "987.654.321-00", "5002", "B10", 4),
                profile("C3", "Carla", "Dias", "carla@example.net", "+55 31 99876-1234", "111.444.777-35", "5003", "B20", 7));
    }

    private static Profile profile(String id, String first, String last, String email, String phone, String cpf,
                                   String crmId, String branch, int months) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("golden_record").put("customer_id", id).put("first_name", first).put("last_name", last)
                .put("email", email).put("phone", phone).put("national_id", cpf).put("birth_date", "1984-03-02")
                .putObject("address").put("street", "Rua das Flores").put("number", "42").put("city", "São Paulo");
        ArrayNode sources = doc.putArray("sources");
        sources.addObject().put("source", "crm").put("key", crmId).put("first_name", first).put("email", email);
        sources.addObject().put("source", "retail").put("key", "R" + crmId).put("contact_name", first + " " + last);
        doc.putObject("identity").put("rule", "same national id").put("match_score", 0.97).put("cluster_size", 2);
        doc.putObject("loyalty").put("tenure_years", 6.5).put("products_held", 3);
        doc.putObject("demographics").put("age", 41).put("life_stage", "family").put("income_band", "50-100k");
        ArrayNode monthly = doc.putObject("history").putArray("monthly_transactions");
        for (int m = 1; m <= months; m++) {
            monthly.addObject().put("month", String.format("2026-%02d", Math.min(m, 12))).put("credit_count", m % 5 + 1)
                    .put("debit_count", m % 3 + 2).put("credit_amount", 1000.0 + m * 10).put("debit_amount", 800.0 + m * 7);
        }
        doc.putObject("marketing").put("preferred_channel", "email")
                .putObject("channel_mix").put("web", 12).put("branch", 3).put("mobile", 20);
        doc.putObject("value").putObject("rfm").put("recency", 4).put("frequency", 3).put("monetary", 5);
        return new Profile(id, first + " " + last, doc,
                List.of(LookupKey.of("crm", crmId), LookupKey.of("retail", "R" + crmId), LookupKey.of("email", email),
                        LookupKey.of("phone", phone), LookupKey.of("cpf", cpf)),
                List.of(branch));
    }

    private static void createCustomer360(SparkSession spark) {
        spark.sql("""
                CREATE OR REPLACE TABLE analytics.customer_360 (
                  customer_id STRING COMMENT 'stable customer id',
                  first_name STRING, last_name STRING, email STRING, national_id STRING,
                  city STRING COMMENT 'city of the golden record', segment STRING, revenue DOUBLE, orders INT)
                USING iceberg TBLPROPERTIES ('comment' = 'one row per customer')""");
        spark.sql("""
                INSERT INTO analytics.customer_360 VALUES
                ('C1', 'Maria', 'Souza', 'maria.souza@example.com', '123.456.789-09', 'São Paulo', 'gold', 1200.5, 7),
                ('C2', 'João', 'Pereira', 'joao.p@example.org', '987.654.321-00', 'Rio de Janeiro', 'silver', 300.0, 2),
                ('C3', 'Carla', 'Dias', 'carla@example.net', '111.444.777-35', 'São Paulo', 'gold', 800.0, 5)""");
    }

    @Override
    public void close() {
        server.close();
        audit.close();
        spark.stop();
        postgres.close();
    }
}
