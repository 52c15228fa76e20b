package io.c360.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.governance.catalog.IcebergTableDocs;
import io.c360.serve.audit.AuditEvent;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import io.c360.serve.sql.Query;
import io.c360.serve.sql.QueryService;
import io.c360.serve.sql.QueryStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server over real HTTP: real PostgreSQL, real Spark and Iceberg, java.net.http as the client. */
class ServeHttpTest {

    @TempDir
    static Path workspace;
    static TestServer t;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        t = new TestServer(workspace);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Answer send(String method, String path, String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    static Answer get(String path, String key) {
        return send("GET", path, key, null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Answer submit(String key, String sql) {
        return send("POST", "/api/v1/queries", key, TestServer.JSON.createObjectNode().put("sql", sql).toString());
    }

    static JsonNode runQuery(String key, String sql) throws InterruptedException {
        Answer a = submit(key, sql);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("id").asText();
        JsonNode status = awaitFinished(key, id);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("succeeded");
        Answer results = get("/api/v1/queries/" + id + "/results", key);
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        return results.json();
    }

    static JsonNode awaitFinished(String key, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode s = get("/api/v1/queries/" + id, key).json();
            if (List.of("succeeded", "failed", "cancelled").contains(s.get("status").asText())) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("query " + id + " did not finish");
    }

    // --- authentication and roles ---------------------------------------------------------------

    @Test
    void openEndpointsNeedNoKeyAndEverythingElseDoes() throws Exception {
        assertThat(get("/api/v1/health", null).json().get("profile_version").asLong()).isEqualTo(1);
        JsonNode openapi = get("/openapi.json", null).json();
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.get("paths").has("/api/v1/customers/{customer_id}")).isTrue();
        assertThat(openapi.get("paths").has("/api/v1/queries/{id}/results")).isTrue();
        assertThat(openapi.get("paths").has("/api/v1/lineage/columns/{namespace}/{table}/{column}")).isTrue();
        Answer console = get("/", null);
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("<html");

        Answer noKey = get("/api/v1/customers/C1", null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("error").asText()).contains("API key");
        assertThat(get("/api/v1/customers/C1", "c360_00000000_" + "x".repeat(43)).status()).isEqualTo(401);
        assertThat(get("/api/v1/customers/C1", "garbage").status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/customers/C1", null, null, "X-API-Key", t.serviceKey).status()).isEqualTo(200);
        assertThat(get("/api/v1/whoami", t.analystKey).json().get("role").asText()).isEqualTo("analyst");
        assertThat(get("/api/v1/no-such-thing", t.adminKey).status()).isEqualTo(404);
    }

    @Test
    void aRevokedKeyIsRefused() {
        ApiKeys.Created k = t.keys.create("temp", Role.SERVICE);
        assertThat(get("/api/v1/customers/C1", k.plainText()).status()).isEqualTo(200);
        assertThat(t.keys.revoke(k.key().id())).isTrue();
        assertThat(get("/api/v1/customers/C1", k.plainText()).status()).isEqualTo(401);
        assertThat(t.keys.list()).anySatisfy(listed -> {
            assertThat(listed.id()).isEqualTo(k.key().id());
            assertThat(listed.active()).isFalse();
        });
    }

    @Test
    void serviceKeysReadProfilesOnlyAndAnalystsCannotReadTheAuditLog() {
        assertThat(submit(t.serviceKey, "SELECT 1").status()).isEqualTo(403);
        assertThat(get("/api/v1/catalog/tables", t.serviceKey).status()).isEqualTo(403);
        assertThat(get("/api/v1/ops/pipeline-runs", t.serviceKey).status()).isEqualTo(403);
        Answer forbidden = get("/api/v1/audit", t.analystKey);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText()).contains("analyst");
        assertThat(get("/api/v1/audit", t.adminKey).status()).isEqualTo(200);
    }

    // --- profile API ------------------------------------------------------------------------------

    @Test
    void adminAndServiceReadTheFullProfileWithVersionEtag() {
        Answer a = get("/api/v1/customers/C1", t.adminKey);
        assertThat(a.status()).isEqualTo(200);
        JsonNode p = a.json();
        assertThat(p.at("/profile/golden_record/email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(p.at("/profile/history/monthly_transactions").size()).isEqualTo(12);
        assertThat(p.get("run_id").asText()).isEqualTo("run-test-1");
        assertThat(p.get("branches").get(0).asText()).isEqualTo("B10");
        assertThat(p.get("keys").toString()).contains("\"crm\"").contains("5001").contains("12345678909");
        String etag = a.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"v1\"");

        Answer notModified = send("GET", "/api/v1/customers/C1", t.serviceKey, null, "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(send("GET", "/api/v1/customers/C1", t.serviceKey, null, "If-None-Match", "\"v0\"").status()).isEqualTo(200);
        assertThat(get("/api/v1/customers/C1", t.serviceKey).json().at("/profile/golden_record/national_id").asText())
                .isEqualTo("123.456.789-09");
    }

    @Test
    void analystsSeePersonalDataMaskedAndTheReadIsAudited() {
        JsonNode p = get("/api/v1/customers/C2", t.analystKey).json();
        assertThat(p.get("masked").asBoolean()).isTrue();
        assertThat(p.get("name").asText()).isEqualTo("J. P.");
        JsonNode g = p.at("/profile/golden_record");
        assertThat(g.get("first_name").asText()).isEqualTo("J.");
        assertThat(g.get("last_name").asText()).isEqualTo("P.");
        assertThat(g.get("email").asText()).isEqualTo("j***@e***.org");
        assertThat(g.get("phone").asText()).isEqualTo("***********78");
        assertThat(g.get("national_id").asText()).isEqualTo("*********00");
        assertThat(g.at("/address/street").asText()).isEqualTo("***");
        assertThat(g.at("/address/city").asText()).isEqualTo("São Paulo");
        assertThat(p.at("/profile/sources/1/contact_name").asText()).isEqualTo("J. P.");
        assertThat(p.at("/profile/loyalty/products_held").asInt()).isEqualTo(3);
        assertThat(p.toString()).doesNotContain("joao.p@example.org").doesNotContain("98765432100").doesNotContain("Pereira");

        List<AuditEvent> events = t.audit.recent("C2", 20);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.keyName()).isEqualTo("ana-analyst");
            assertThat(e.action()).isEqualTo("profile.read");
            assertThat(e.masked()).isTrue();
        });
    }

    @Test
    void looksCustomersUpByAnySourceKeyEmailPhoneAndCpf() {
        assertThat(lookupIds("source=crm&key=5002")).containsExactly("C2");
        assertThat(lookupIds("source=retail&key=R5003")).containsExactly("C3");
        assertThat(lookupIds("email=" + enc(" Maria.Souza@EXAMPLE.com"))).containsExactly("C1");
        assertThat(lookupIds("phone=" + enc("(21) 91234 5678").replace("%28", "").replace("%29", "") + "&x=1"))
                .isEmpty();
        assertThat(lookupIds("phone=" + enc("+55 21 91234-5678"))).containsExactly("C2");
        assertThat(lookupIds("cpf=11144477735")).containsExactly("C3");

        Answer unknown = get("/api/v1/customers?source=crm&key=999", t.serviceKey);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(get("/api/v1/customers/NOPE", t.serviceKey).status()).isEqualTo(404);
        assertThat(get("/api/v1/customers?source=crm", t.serviceKey).json().get("error").asText()).contains("?key=");
        assertThat(get("/api/v1/customers?source=crm", t.serviceKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/customers?source=CRM!!&key=1", t.serviceKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/customers", t.serviceKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/customers?email=", t.serviceKey).status()).isEqualTo(400);
    }

    private static List<String> lookupIds(String query) {
        Answer a = get("/api/v1/customers?" + query, t.serviceKey);
        if (a.status() == 404) {
            return List.of();
        }
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().get("items").forEach(i -> ids.add(i.get("customer_id").asText()));
        return ids;
    }

    @Test
    void searchFindsByNameEmailCpfAndSourceKeyMaskedForAnalysts() {
        assertThat(get("/api/v1/search?q=carla", t.adminKey).json().at("/items/0/customer_id").asText()).isEqualTo("C3");
        assertThat(get("/api/v1/search?q=" + enc("987.654.321-00"), t.adminKey).json().at("/items/0/customer_id").asText())
                .isEqualTo("C2");
        assertThat(get("/api/v1/search?q=5001", t.adminKey).json().at("/items/0/name").asText()).isEqualTo("Maria Souza");
        assertThat(get("/api/v1/search?q=5001", t.analystKey).json().at("/items/0/name").asText()).isEqualTo("M. S.");
        assertThat(get("/api/v1/search?q=", t.adminKey).status()).isEqualTo(400);
    }

    @Test
    void branchCustomersArePaged() {
        Answer first = get("/api/v1/branches/B10/customers?limit=1", t.serviceKey);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(1);
        String token = first.json().get("next_page_token").asText();
        JsonNode second = get("/api/v1/branches/B10/customers?limit=1&page_token=" + token, t.serviceKey).json();
        assertThat(second.at("/items/0/customer_id").asText()).isEqualTo("C2");
        assertThat(second.get("next_page_token").isNull()).isTrue();
        assertThat(get("/api/v1/branches/B99/customers", t.serviceKey).json().get("items")).isEmpty();
        assertThat(get("/api/v1/branches/B10/customers?limit=0", t.serviceKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/branches/B10/customers?limit=abc", t.serviceKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/branches/B10/customers?page_token=%25%25", t.serviceKey).status()).isEqualTo(400);
    }

    // --- SQL API ----------------------------------------------------------------------------------

    @Test
    void runsAnAggregateAndPagesResultsWithColumnTypes() throws Exception {
        JsonNode r = runQuery(t.analystKey,
                "SELECT city, count(*) AS customers, sum(revenue) AS revenue FROM analytics.customer_360 GROUP BY city ORDER BY city");
        assertThat(r.get("columns").toString()).contains("\"name\":\"customers\",\"type\":\"bigint\"")
                .contains("\"name\":\"revenue\",\"type\":\"double\"");
        assertThat(r.get("rows")).hasSize(2);
        assertThat(r.at("/rows/1/0").asText()).isEqualTo("São Paulo");
        assertThat(r.at("/rows/1/1").asLong()).isEqualTo(2);

        String id = r.get("id").asText();
        JsonNode page1 = get("/api/v1/queries/" + id + "/results?limit=1", t.analystKey).json();
        assertThat(page1.get("rows")).hasSize(1);
        JsonNode page2 = get("/api/v1/queries/" + id + "/results?limit=1&page_token=" + page1.get("next_page_token").asText(),
                t.analystKey).json();
        assertThat(page2.at("/rows/0/0").asText()).isEqualTo("São Paulo");
        assertThat(page2.get("next_page_token").isNull()).isTrue();

        Answer csv = get("/api/v1/queries/" + id + "/results?format=csv", t.analystKey);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("city,customers,revenue\r\n").contains("São Paulo,2,2000.5");

        assertThat(get("/api/v1/queries/" + id, t.serviceKey).status()).isEqualTo(403);
        JsonNode ownQuery = runQuery(t.adminKey, "SELECT 1 AS one");
        assertThat(get("/api/v1/queries/" + ownQuery.get("id").asText(), t.analystKey).status()).isEqualTo(404);
        assertThat(get("/api/v1/queries/" + id, t.adminKey).status()).isEqualTo(200);
    }

    @Test
    void analystsGetPersonalDataMaskedInSqlResultsEvenWhenRenamedOrComputed() throws Exception {
        String sql = "SELECT customer_id, first_name, email, upper(email) AS shout, length(email) AS n, national_id AS doc, city "
                + "FROM analytics.customer_360 WHERE customer_id = 'C1'";
        JsonNode masked = runQuery(t.analystKey, sql).at("/rows/0");
        assertThat(masked.get(0).asText()).isEqualTo("C1");
        assertThat(masked.get(1).asText()).isEqualTo("M.");
        assertThat(masked.get(2).asText()).isEqualTo("m***@e***.com");
        assertThat(masked.get(3).asText()).isEqualTo("M***@E***.COM");
        assertThat(masked.get(4).asInt()).isEqualTo(23);
        assertThat(masked.get(5).asText()).isEqualTo("*********09");
        assertThat(masked.get(6).asText()).isEqualTo("São Paulo");
        JsonNode union = runQuery(t.analystKey, "SELECT 'x' AS v UNION ALL SELECT last_name FROM analytics.customer_360");
        assertThat(union.get("rows").toString()).doesNotContain("Souza");

        JsonNode clear = runQuery(t.adminKey, sql).at("/rows/0");
        assertThat(clear.get(2).asText()).isEqualTo("maria.souza@example.com");
        assertThat(t.audit.recent(null, 200)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("sql.query");
            assertThat(e.detail()).contains("upper(email)");
        });
    }

    @Test
    void rejectsWritesCommandsAndAnythingReachingOutsideTheLake() {
        List<String> rejected = List.of(
                "INSERT INTO analytics.customer_360 SELECT * FROM analytics.customer_360",
                "DROP TABLE analytics.customer_360",
                "DELETE FROM analytics.customer_360",
                "CREATE TABLE analytics.x AS SELECT 1",
                "SET spark.sql.ansi.enabled=false",
                "CACHE TABLE analytics.customer_360",
                "WITH t AS (SELECT 1 AS a) INSERT INTO analytics.customer_360 SELECT * FROM t",
                "SELECT * FROM csv.`/etc/passwd`",
                "SELECT * FROM text.`file:///etc/passwd`",
                "SELECT * FROM (SELECT * FROM json.`/tmp`) x",
                "WITH f AS (SELECT * FROM parquet.`/tmp/x`) SELECT * FROM f",
                "SELECT (SELECT count(*) FROM csv.`/etc/passwd`) AS n",
                "SELECT * FROM analytics.customer_360 WHERE customer_id IN (SELECT value FROM text.`/etc/hosts`)",
                "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
                "SELECT java_method('java.lang.System', 'getProperty', 'user.home')",
                "SELECT input_file_name() FROM analytics.customer_360",
                "SELECT TRANSFORM(customer_id) USING 'cat /etc/passwd' FROM analytics.customer_360",
                "DESCRIBE csv.`/etc/passwd`",
                "SHOW CREATE TABLE csv.`/etc/passwd`",
                "SELEC 1");
        for (String sql : rejected) {
            Answer a = submit(t.adminKey, sql);
            assertThat(a.status()).as(sql + " → " + a.body()).isEqualTo(400);
            assertThat(a.json().get("error").asText()).as(sql).isNotBlank();
        }
        assertThat(submit(t.adminKey, "DROP TABLE analytics.customer_360").json().get("error").asText())
                .contains("read-only").contains("DROP");
        assertThat(submit(t.adminKey, "SELECT * FROM csv.`/etc/passwd`").json().get("error").asText()).contains("outside the lake");
        assertThat(submit(t.adminKey, "SELECT reflect('a','b')").json().get("error").asText()).contains("reflect");
        assertThat(send("POST", "/api/v1/queries", t.adminKey, "not json").status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/queries", t.adminKey, "{\"sql\": \"  \"}").status()).isEqualTo(400);
        assertThat(t.spark.catalog().tableExists("c360.analytics.customer_360")).isTrue();
    }

    @Test
    void showAndDescribeWorkAndAFailingQueryReportsItsError() throws Exception {
        assertThat(runQuery(t.analystKey, "SHOW TABLES IN analytics").get("rows").toString()).contains("customer_360");
        assertThat(runQuery(t.analystKey, "DESCRIBE analytics.customer_360").get("rows").toString()).contains("revenue");
        assertThat(runQuery(t.analystKey, "WITH g AS (SELECT segment FROM analytics.customer_360) SELECT count(*) FROM g")
                .at("/rows/0/0").asInt()).isEqualTo(3);

        String id = submit(t.analystKey, "SELECT * FROM analytics.no_such_table").json().get("id").asText();
        JsonNode s = awaitFinished(t.analystKey, id);
        assertThat(s.get("status").asText()).isEqualTo("failed");
        assertThat(s.get("error").asText()).contains("no_such_table");
        Answer results = get("/api/v1/queries/" + id + "/results", t.analystKey);
        assertThat(results.status()).isEqualTo(409);
        assertThat(get("/api/v1/queries/nope", t.analystKey).status()).isEqualTo(404);
    }

    @Test
    void longQueriesRunInTheirOwnPoolCanBeCancelledAndNeverBlockTheProfileApi() throws Exception {
        String slow = "SELECT sum(id % 7) FROM range(0, 2000000000000)";
        String first = submit(t.analystKey, slow).json().get("id").asText();
        String second = submit(t.adminKey, slow).json().get("id").asText();
        String third = submit(t.analystKey, "SELECT 42 AS answer").json().get("id").asText();
        awaitStatus(t.analystKey, first, "running");
        awaitStatus(t.adminKey, second, "running");

        assertThat(get("/api/v1/queries/" + third, t.analystKey).json().get("status").asText()).isEqualTo("queued");
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/customers/C" + (i % 3 + 1), t.serviceKey).status()).isEqualTo(200);
        }
        assertThat(get("/api/v1/queries/" + first, t.analystKey).json().get("status").asText()).isEqualTo("running");

        Answer cancel = send("DELETE", "/api/v1/queries/" + first, t.analystKey, null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(awaitFinished(t.analystKey, first).get("status").asText()).isEqualTo("cancelled");
        assertThat(send("DELETE", "/api/v1/queries/" + second, t.adminKey, null).status()).isEqualTo(200);
        assertThat(awaitFinished(t.analystKey, third).get("status").asText()).isEqualTo("succeeded");
        assertThat(send("DELETE", "/api/v1/queries/" + third, t.analystKey, null).status()).isEqualTo(409);
    }

    private static void awaitStatus(String key, String id, String status) throws InterruptedException {
        for (int i = 0; i < 300 && !get("/api/v1/queries/" + id, key).json().get("status").asText().equals(status); i++) {
            Thread.sleep(100);
        }
        assertThat(get("/api/v1/queries/" + id, key).json().get("status").asText()).isEqualTo(status);
    }

    @Test
    void aQueryOverItsTimeLimitIsCancelled() throws Exception {
        try (QueryService shortLimit = new QueryService(t.spark, new IcebergTableDocs(t.spark),
                new QueryService.Limits(1, 10, Duration.ofSeconds(2)))) {
            Query q = shortLimit.submit("SELECT sum(id % 7) FROM range(0, 2000000000000)", t.keys.list().get(0));
            for (int i = 0; i < 300 && !q.status().finished(); i++) {
                Thread.sleep(100);
            }
            assertThat(q.status()).isEqualTo(QueryStatus.FAILED);
            assertThat(q.error()).contains("timed out after 2 s");

            Query capped = shortLimit.submit("SELECT id FROM range(100)", t.keys.list().get(0));
            for (int i = 0; i < 300 && !capped.status().finished(); i++) {
                Thread.sleep(100);
            }
            assertThat(capped.rows()).hasSize(10);
            assertThat(capped.truncated()).isTrue();
        }
    }

    // --- catalog and ops --------------------------------------------------------------------------

    @Test
    void catalogListsLakeTablesWithColumnDocsAndPiiTags() {
        t.spark.sql("ALTER TABLE analytics.customer_360 SET TBLPROPERTIES ('" + IcebergTableDocs.PII_PROPERTY + "' = 'segment')");
        assertThat(get("/api/v1/catalog/tables", t.analystKey).json().get("items"))
                .anySatisfy(item -> assertThat(item.get("namespace").asText() + "." + item.get("name").asText())
                        .isEqualTo("analytics.customer_360"));
        JsonNode table = get("/api/v1/catalog/tables/analytics/customer_360", t.analystKey).json();
        assertThat(table.get("description").asText()).isEqualTo("one row per customer");
        assertThat(table.get("columns").toString())
                .contains("{\"name\":\"city\",\"type\":\"string\",\"description\":\"city of the golden record\",\"pii\":null}")
                .contains("{\"name\":\"email\",\"type\":\"string\",\"description\":\"E-mail (CRM, lower-cased).\",\"pii\":\"email\"}")
                .contains("\"name\":\"revenue\",\"type\":\"double\"");
        assertThat(get("/api/v1/catalog/tables/analytics/nope", t.analystKey).status()).isEqualTo(404);
        assertThat(get("/api/v1/catalog/tables/elsewhere/customer_360", t.analystKey).status()).isEqualTo(404);
    }

    @Test
    void catalogSearchFindsColumnsByPiiClassAndRawTablesAreListed() {
        assertThat(get("/api/v1/catalog/tables", t.analystKey).json().get("items"))
                .anySatisfy(item -> assertThat(item.get("namespace").asText() + "." + item.get("name").asText())
                        .isEqualTo("raw.crm__customers"));
        JsonNode raw = get("/api/v1/catalog/tables/raw/crm__customers", t.analystKey).json();
        assertThat(raw.get("owner").asText()).isEqualTo("crm-team");
        assertThat(raw.get("freshness").asText()).isEqualTo("never updated");
        assertThat(raw.get("columns").toString()).contains("\"name\":\"birth_date\"").contains("\"pii\":\"birth_date\"");
        JsonNode hits = get("/api/v1/catalog/search?q=email", t.analystKey).json().get("items");
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.get("namespace").asText() + "." + h.get("table").asText() + "." + h.get("column").asText())
                    .isEqualTo("stage.stg_crm__customers.email");
            assertThat(h.get("pii").asText()).isEqualTo("email");
        });
        assertThat(get("/api/v1/catalog/search", t.analystKey).status()).isEqualTo(400);
        assertThat(get("/api/v1/catalog/search?q=email", t.serviceKey).status()).isEqualTo(403);
    }

    @Test
    void lineageEndpointsTraceAColumnToItsRawFieldAndDrawTheTableGraph() {
        JsonNode column = get("/api/v1/lineage/columns/stage/stg_crm__customers/email", t.analystKey).json();
        assertThat(column.get("column").asText()).isEqualTo("stage.stg_crm__customers.email");
        assertThat(column.at("/path/upstream/0/column").asText()).isEqualTo("raw.crm__customers.email");
        assertThat(column.at("/path/upstream/0/via/type").asText()).isEqualTo("DIRECT");
        assertThat(column.at("/path/upstream/0/via/subtype").asText()).isEqualTo("TRANSFORMATION");

        JsonNode graph = get("/api/v1/lineage/graph", t.analystKey).json();
        assertThat(graph.get("edges")).anySatisfy(e -> {
            assertThat(e.get("from").asText()).isEqualTo("raw.crm__customers");
            assertThat(e.get("to").asText()).isEqualTo("stage.stg_crm__customers");
        });
        assertThat(graph.get("nodes")).anySatisfy(n -> assertThat(n.get("id").asText()).isEqualTo("stage.stg_web__hits"));

        JsonNode table = get("/api/v1/lineage/tables/stage/stg_retail__orders", t.adminKey).json();
        assertThat(table.get("inputs").toString()).isEqualTo("[\"raw.retail__orders\"]");
        assertThat(table.get("columns")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("contact_email");
            assertThat(c.at("/inputs/0/column").asText()).isEqualTo("Contact_Email");
        });
        assertThat(table.get("raw_batches")).isEmpty();

        assertThat(get("/api/v1/lineage/columns/stage/stg_crm__customers/nope", t.analystKey).status()).isEqualTo(404);
        assertThat(get("/api/v1/lineage/tables/stage/nope", t.analystKey).status()).isEqualTo(404);
        assertThat(get("/api/v1/lineage/graph", t.serviceKey).status()).isEqualTo(403);
    }

    @Test
    void opsEndpointsReadTheLogZoneAndAreEmptyBeforeTheFirstRun() {
        assertThat(get("/api/v1/ops/dq-results", t.analystKey).json().get("items")).isEmpty();
        assertThat(get("/api/v1/ops/ingest-batches", t.analystKey).status()).isEqualTo(200);
        t.spark.sql("CREATE TABLE IF NOT EXISTS ops.pipeline_runs (run_id STRING, status STRING, started_at TIMESTAMP) USING iceberg");
        t.spark.sql("INSERT INTO ops.pipeline_runs VALUES ('r1', 'succeeded', TIMESTAMP'2026-11-25 10:00:00'), "
                + "('r2', 'failed', TIMESTAMP'2026-11-25 11:00:00')");
        t.spark.sql("CREATE TABLE IF NOT EXISTS ops.step_runs (run_id STRING, step STRING, started_at TIMESTAMP) USING iceberg");
        t.spark.sql("INSERT INTO ops.step_runs VALUES ('r1', 'ingest', TIMESTAMP'2026-11-25 10:00:01'), "
                + "('r2', 'stage', TIMESTAMP'2026-11-25 11:00:01')");
        JsonNode runs = get("/api/v1/ops/pipeline-runs", t.analystKey).json().get("items");
        assertThat(runs).hasSize(2);
        assertThat(runs.at("/0/run_id").asText()).isEqualTo("r2");
        assertThat(runs.at("/0/started_at").asText()).isEqualTo("2026-11-25T11:00:00Z");
        JsonNode steps = get("/api/v1/ops/pipeline-runs/r1/steps", t.analystKey).json().get("items");
        assertThat(steps).hasSize(1);
        assertThat(steps.at("/0/step").asText()).isEqualTo("ingest");
    }
}
