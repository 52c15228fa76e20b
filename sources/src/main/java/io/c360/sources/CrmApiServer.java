package io.c360.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The CRM HTTP API: {@code GET /api/v1/customers?updated_since=&page_token=&limit=} serving the
 * {@link CrmStore} in (updated_at, client_id) order with keyset pagination, {@code updated_since}
 * inclusive. Optional bearer token.
 */
public final class CrmApiServer implements AutoCloseable {

    public static final String PATH = "/api/v1/customers";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CrmStore store;
    private final String token;

    private CrmApiServer(HttpServer server, ExecutorService executor, CrmStore store, String token) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.token = token;
    }

    /** Starts serving; {@code port} 0 picks a free port, {@code token} null or blank disables auth. */
    public static CrmApiServer start(CrmStore store, String bind, int port, String token) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "crm-api");
            t.setDaemon(true);
            return t;
        });
        CrmApiServer api = new CrmApiServer(http, pool, store, token == null || token.isBlank() ? null : token);
        http.createContext(PATH, api::handle);
        http.setExecutor(pool);
        http.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("only GET is supported"));
                return;
            }
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error("missing or wrong bearer token"));
                return;
            }
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, error("no such resource: " + exchange.getRequestURI().getPath()));
                return;
            }
            Query query;
            try {
                query = Query.parse(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error(e.getMessage()));
                return;
            }
            respond(exchange, 200, page(query));
        } catch (SQLException e) {
            respond(exchange, 503, error("CRM database unavailable: " + e.getMessage()));
        }
    }

    private String page(Query q) throws SQLException {
        List<CrmStore.Entry> entries = store.page(q.since, q.afterUpdatedAt, q.afterClientId, q.limit + 1);
        boolean more = entries.size() > q.limit;
        List<CrmStore.Entry> items = more ? entries.subList(0, q.limit) : entries;
        StringBuilder body = new StringBuilder(items.size() * 800 + 64).append("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            body.append(i == 0 ? "" : ",").append(items.get(i).document());
        }
        body.append("],\"next_page_token\":");
        if (more) {
            CrmStore.Entry last = items.get(items.size() - 1);
            body.append('"').append(PageToken.encode(last.updatedAt(), last.clientId())).append('"');
        } else {
            body.append("null");
        }
        return body.append('}').toString();
    }

    private static String error(String message) {
        return "{\"error\":" + CrmCustomerDocument.JSON.getNodeFactory().textNode(message) + "}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The parsed request parameters. */
    private record Query(Instant since, Instant afterUpdatedAt, long afterClientId, int limit) {

        static Query parse(String rawQuery) {
            Map<String, String> params = new HashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            Instant since = Instant.EPOCH;
            String sinceText = params.get("updated_since");
            if (sinceText != null && !sinceText.isEmpty()) {
                try {
                    since = Instant.parse(sinceText);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("updated_since must be an ISO-8601 instant such as 2026-11-25T13:45:01.123Z, got '" + sinceText + "'");
                }
            }
            int limit = DEFAULT_LIMIT;
            String limitText = params.get("limit");
            if (limitText != null && !limitText.isEmpty()) {
                try {
                    limit = Integer.parseInt(limitText);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw new IllegalArgumentException("limit must be an integer from 1 to " + MAX_LIMIT + ", got '" + limitText + "'");
                }
            }
            String token = params.get("page_token");
            if (token == null || token.isEmpty()) {
                return new Query(since, null, 0, limit);
            }
            PageToken position = PageToken.decode(token);
            return new Query(since, position.updatedAt(), position.clientId(), limit);
        }
    }

    /** Opaque keyset position: the (updated_at, client_id) of the last item served. */
    record PageToken(Instant updatedAt, long clientId) {

        static String encode(Instant updatedAt, long clientId) {
            String raw = updatedAt.toString() + "|" + clientId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static PageToken decode(String token) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new PageToken(Instant.parse(raw.substring(0, bar)), Long.parseLong(raw.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("page_token is not a token this API issued: '" + token + "'");
            }
        }
    }
}
