package io.c360.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server implementing the documented CRM API contract (docs/architecture.md) over
 * test data: items ordered by (updated_at, client_id), inclusive updated_since, opaque page
 * tokens, limit 1..1000, optional bearer token. Knobs: fail the next N requests with 503, delay
 * each page, and "lazy" tokens (a full page always carries a token, so the last page may be empty).
 */
final class CrmApiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final Map<Integer, ObjectNode> customers = new TreeMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    final List<String> authorizations = new ArrayList<>();
    volatile long pageDelayMillis;
    volatile boolean lazyTokens;

    CrmApiStub(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/customers", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void put(int clientId, String updatedAt) {
        ObjectNode c = JSON.createObjectNode();
        c.put("client_id", clientId);
        c.put("first_name", "Name" + clientId);
        c.put("annual_income", new java.math.BigDecimal("52000.10"));
        c.putObject("address").put("city", "Recife");
        c.put("updated_at", updatedAt);
        customers.put(clientId, c);
    }

    synchronized void putRange(int fromId, int toIdExclusive, String updatedAt) {
        for (int id = fromId; id < toIdExclusive; id++) {
            put(id, updatedAt);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            synchronized (authorizations) {
                authorizations.add(auth);
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 503, "{\"error\":\"temporarily unavailable\"}");
                return;
            }
            if (token != null && !("Bearer " + token).equals(auth)) {
                send(ex, 401, "{\"error\":\"missing or wrong bearer token\"}");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            int limit;
            Instant since;
            try {
                limit = Integer.parseInt(q.getOrDefault("limit", "500"));
                since = q.containsKey("updated_since") ? Instant.parse(q.get("updated_since")) : Instant.EPOCH;
            } catch (NumberFormatException | DateTimeParseException e) {
                send(ex, 400, "{\"error\":\"bad parameter\"}");
                return;
            }
            if (limit < 1 || limit > 1000) {
                send(ex, 400, "{\"error\":\"limit must be 1..1000\"}");
                return;
            }
            sleep(pageDelayMillis);
            send(ex, 200, page(since, q.get("page_token"), limit));
        }
    }

    private synchronized String page(Instant since, String pageToken, int limit) throws IOException {
        List<ObjectNode> sorted = customers.values().stream()
                .filter(c -> !Instant.parse(c.get("updated_at").asText()).isBefore(since))
                .sorted(Comparator.comparing((ObjectNode c) -> Instant.parse(c.get("updated_at").asText()))
                        .thenComparing(c -> c.get("client_id").asInt()))
                .toList();
        int start = 0;
        if (pageToken != null) {
            String[] after = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split("\\|");
            Instant at = Instant.parse(after[0]);
            int id = Integer.parseInt(after[1]);
            while (start < sorted.size() && compare(sorted.get(start), at, id) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        sorted.subList(start, end).forEach(items::add);
        boolean more = lazyTokens ? end - start == limit : end < sorted.size();
        if (more) {
            ObjectNode last = sorted.get(end - 1);
            body.put("next_page_token", Base64.getUrlEncoder().encodeToString(
                    (last.get("updated_at").asText() + "|" + last.get("client_id").asInt()).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_page_token");
        }
        return JSON.writeValueAsString(body);
    }

    private static int compare(ObjectNode c, Instant at, int id) {
        int byTime = Instant.parse(c.get("updated_at").asText()).compareTo(at);
        return byTime != 0 ? byTime : Integer.compare(c.get("client_id").asInt(), id);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
