package io.c360.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A CRM API for the ingest benchmark when no simulator runs: the documented contract
 * (docs/architecture.md) over N synthetic customers whose updated_at grows with client_id, so
 * the (updated_at, client_id) order is the id order and a page token is the next position.
 */
final class SyntheticCrmApi implements AutoCloseable {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final HttpServer server;
    private final byte[][] customers;

    SyntheticCrmApi(int count) throws IOException {
        customers = new byte[count][];
        for (int i = 0; i < count; i++) {
            customers[i] = customer(i).getBytes(StandardCharsets.UTF_8);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/customers", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String customer(int i) {
        int id = 100_000 + i;
        return "{\"client_id\":" + id + ",\"birth_date\":\"1980-0" + (1 + i % 9) + "-1" + (i % 9) + "\",\"age\":" + (20 + i % 60)
                + ",\"home_ownership\":\"O\",\"occupation\":\"editor\",\"marital_status\":\"S\",\"head_of_household_flag\":\"N\","
                + "\"client_created_date\":\"2023-07-20T06:40:13.494626\",\"first_name\":\"Ana" + i + "\",\"last_name\":\"Silva\","
                + "\"email\":\"ana" + i + "@example.com\",\"phone\":\"+55 81 9" + (10_000_000 + i) + "\",\"national_id\":\"000.000.000-00\","
                + "\"gender\":\"F\",\"annual_income\":52000.10,\"address\":{\"street\":\"Rua A\",\"number\":\"" + i
                + "\",\"city\":\"Recife\",\"state\":\"PE\",\"postal_code\":\"50000-000\",\"country\":\"BR\"},"
                + "\"consents\":{\"email\":true,\"sms\":false,\"phone\":false,\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                + "\"preferred_channel\":\"email\",\"updated_at\":\"" + BASE.plusMillis(i) + "\"}";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = new HashMap<>();
            String raw = ex.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    int eq = kv.indexOf('=');
                    q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            int limit = Integer.parseInt(q.getOrDefault("limit", "500"));
            int from = q.containsKey("page_token") ? Integer.parseInt(q.get("page_token")) : firstAtOrAfter(q.get("updated_since"));
            int to = Math.min(customers.length, from + Math.min(1000, limit));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = from; i < to; i++) {
                if (i > from) {
                    body.write(',');
                }
                body.write(customers[i]);
            }
            body.write(("],\"next_page_token\":" + (to < customers.length ? "\"" + to + "\"" : "null") + "}").getBytes(StandardCharsets.UTF_8));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.size());
            body.writeTo(ex.getResponseBody());
        }
    }

    private int firstAtOrAfter(String since) {
        if (since == null) {
            return 0;
        }
        long offset = Instant.parse(since).toEpochMilli() - BASE.toEpochMilli();
        return (int) Math.max(0, Math.min(customers.length, offset));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
