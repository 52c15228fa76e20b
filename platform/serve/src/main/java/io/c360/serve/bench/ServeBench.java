package io.c360.serve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import io.c360.serve.http.Lake;
import io.c360.serve.http.ServeServer;
import io.c360.serve.sql.QueryService;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code c360 bench serve}: publishes synthetic profiles into a scratch profile store, starts the
 * server, and measures profile lookups over loopback from a separate JVM ({@link LoadGenerator})
 * at a fixed rate and at the maximum rate, the same lookup directly over JDBC (the floor), and
 * the SQL API on an aggregate over a customer_360-like Iceberg table.
 */
public final class ServeBench {

    /** What to measure and how hard. */
    public record Options(int customers, int rate, int seconds, int connections, int maxConnections, int sqlRows, int sqlRuns) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATE = "SELECT state, segment, count(*) AS customers, avg(revenue) AS avg_revenue, "
            + "sum(orders) AS orders FROM analytics.customer_360 GROUP BY state, segment ORDER BY state, segment";

    private final C360Config config;
    private final Options o;
    private final Progress progress;
    private final Map<String, String> results = new LinkedHashMap<>();

    public ServeBench(C360Config config, Options options, Progress progress) {
        this.config = config;
        this.o = options;
        this.progress = progress;
    }

    /** Runs every measurement and returns the figures, one line each. */
    public Map<String, String> run() throws Exception {
        try (PostgresService postgres = PostgresService.open(config)) {
            ProfileStore store = ProfileStore.open(postgres);
            publish(store);
            ApiKeys keys = ApiKeys.open(postgres);
            String serviceKey = keys.create("bench-service", Role.SERVICE).plainText();
            String adminKey = keys.create("bench-admin", Role.ADMIN).plainText();
            SparkSession spark = LakeSession.open(config);
            try (AuditLog audit = AuditLog.open(postgres);
                 ServeServer server = new ServeServer(store, keys, audit,
                         CompletableFuture.completedFuture(Lake.open(spark, config, QueryService.Limits.from(config)))).start("127.0.0.1", 0)) {
                jdbcFloor(store);
                load(server.port(), serviceKey, String.valueOf(o.rate()), o.connections(), "http_fixed_rate");
                load(server.port(), serviceKey, "max", o.maxConnections(), "http_max_rate");
                sql(spark, server.port(), adminKey);
            } finally {
                spark.stop();
            }
        }
        return results;
    }

    private void publish(ProfileStore store) {
        try (Progress.Step step = progress.start("publish " + o.customers() + " synthetic profiles", "profiles")) {
            long t0 = System.nanoTime();
            ProfileVersion v1 = store.publish("bench-run-1", new SyntheticProfiles(o.customers(), i -> false));
            double s1 = (System.nanoTime() - t0) / 1e9;
            step.add(v1.customers());
            results.put("publish_full", String.format(Locale.ROOT, "%,d profiles in %.1f s = %,.0f profiles/s",
                    v1.customers(), s1, v1.customers() / s1));
            long t1 = System.nanoTime();
            ProfileVersion v2 = store.publish("bench-run-2", new SyntheticProfiles(o.customers(), i -> i % 100 == 0));
            double s2 = (System.nanoTime() - t1) / 1e9;
            results.put("publish_incremental_1pct", String.format(Locale.ROOT, "%,d profiles compared, %,d rewritten in %.1f s = %,.0f profiles/s",
                    v2.customers(), v2.rewritten(), s2, v2.customers() / s2));
            results.put("publish_input_only", String.format(Locale.ROOT, "generating and serializing the %,d input profiles alone "
                    + "(included in both figures above): %.1f s", o.customers(), inputSeconds()));
        }
    }

    /** What the publisher's caller costs: building the synthetic profiles and writing them as JSON, without any database. */
    private double inputSeconds() {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (SyntheticProfiles p = new SyntheticProfiles(o.customers(), i -> false); p.hasNext(); ) {
            try {
                bytes += JSON.writeValueAsBytes(p.next().doc()).length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes > 0 ? (System.nanoTime() - t0) / 1e9 : 0;
    }

    /**
     * The same lookup the server does, straight over JDBC in this process, paced at the same rate
     * and spread over as many threads as the HTTP run has connections; latency counts from the
     * scheduled time, as in {@link LoadGenerator}.
     */
    private void jdbcFloor(ProfileStore store) throws InterruptedException {
        try (Progress.Step step = progress.start("JDBC lookups at " + o.rate() + "/s (floor)", "lookups")) {
            paced(store, 3);
            long[] lat = paced(store, o.seconds());
            step.add(lat.length);
            results.put("jdbc_fixed_rate", String.format(Locale.ROOT, "%d threads: %d lookups at %d/s: p50 %.3f ms, p99 %.3f ms",
                    o.connections(), lat.length, o.rate(), pct(lat, 0.5), pct(lat, 0.99)));
        }
    }

    private long[] paced(ProfileStore store, int seconds) throws InterruptedException {
        int n = o.rate() * seconds;
        long[] lat = new long[n];
        AtomicInteger ticket = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < o.connections(); t++) {
            Thread th = new Thread(() -> {
                for (int i = ticket.getAndIncrement(); i < n; i = ticket.getAndIncrement()) {
                    long scheduled = start + (long) (i * 1e9 / o.rate());
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    store.find("C" + ThreadLocalRandom.current().nextInt(o.customers())).orElseThrow();
                    lat[i] = System.nanoTime() - scheduled;
                }
            }, "jdbc-floor-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        Arrays.sort(lat);
        return lat;
    }

    private void load(int port, String key, String rate, int connections, String name) throws IOException, InterruptedException {
        try (Progress.Step step = progress.start("HTTP lookups from a separate JVM, rate " + rate + ", " + connections + " connections", "runs")) {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(), String.valueOf(port), key,
                    String.valueOf(o.customers()), rate, String.valueOf(o.seconds()), String.valueOf(connections)));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                line = r.readLine();
            }
            if (p.waitFor() != 0 || line == null) {
                throw new IllegalStateException("the load generator failed (exit " + p.exitValue() + ")");
            }
            step.add(1);
            results.put(name, connections + " connections: " + line);
        }
    }

    private void sql(SparkSession spark, int port, String adminKey) throws Exception {
        try (Progress.Step step = progress.start("SQL API aggregate over " + o.sqlRows() + " rows", "queries")) {
            spark.range(o.sqlRows()).selectExpr("concat('C', id) AS customer_id", "concat('First', id) AS first_name",
                    "concat('first', id, '@example.com') AS email", "concat('S', id % 27) AS state",
                    "element_at(array('bronze', 'silver', 'gold', 'platinum'), CAST(id % 4 AS INT) + 1) AS segment",
                    "rand(7) * 5000 AS revenue", "CAST(rand(11) * 40 AS INT) AS orders", "CAST(id % 70 + 18 AS INT) AS age")
                    .writeTo("analytics.customer_360").using("iceberg").createOrReplace();
            HttpClient http = HttpClient.newHttpClient();
            runQuery(http, port, adminKey);
            long[] lat = new long[o.sqlRuns()];
            for (int i = 0; i < lat.length; i++) {
                long t0 = System.nanoTime();
                runQuery(http, port, adminKey);
                lat[i] = System.nanoTime() - t0;
                step.add(1);
            }
            Arrays.sort(lat);
            results.put("sql_aggregate", String.format(Locale.ROOT, "%d runs over %,d rows (submit → poll → results): p50 %.0f ms, p99 %.0f ms",
                    lat.length, o.sqlRows(), pct(lat, 0.5), pct(lat, 0.99)));
        }
    }

    private static void runQuery(HttpClient http, int port, String key) throws Exception {
        String base = "http://127.0.0.1:" + port + "/api/v1/queries";
        String body = JSON.createObjectNode().put("sql", AGGREGATE).toString();
        JsonNode q = send(http, HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString(body)), key);
        String id = q.get("id").asText();
        for (String status = q.get("status").asText(); !status.equals("succeeded"); ) {
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("bench query " + status + ": " + q.get("error").asText());
            }
            Thread.sleep(10);
            q = send(http, HttpRequest.newBuilder(URI.create(base + "/" + id)), key);
            status = q.get("status").asText();
        }
        JsonNode rows = send(http, HttpRequest.newBuilder(URI.create(base + "/" + id + "/results")), key).get("rows");
        if (rows.size() == 0) {
            throw new IllegalStateException("bench query returned no rows");
        }
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder b, String key) throws Exception {
        HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
