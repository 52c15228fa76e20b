package io.c360.ingest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.c360.ingest.IngestFailure;
import io.c360.ingest.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs JSON from a source API: optional Authorization header, a request rate limit, and retries
 * with exponential backoff on connection errors, timeouts, 429 and 5xx. Other statuses fail
 * at once (retrying a 400 or 401 does not help).
 */
public final class ApiClient {

    /** Decimals are kept exactly as sent (52000.10 stays 52000.10): raw keeps what the source said. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final HttpClient http;
    private final Duration timeout;
    private final String authorization;
    private final RetryPolicy retry;
    private final long minIntervalNanos;
    private long nextRequestNanos;

    public ApiClient(Duration timeout, String authorization, RetryPolicy retry, double requestsPerSecond) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.authorization = authorization == null || authorization.isBlank() ? null : authorization;
        this.retry = retry;
        this.minIntervalNanos = requestsPerSecond > 0 ? (long) (1e9 / requestsPerSecond) : 0;
    }

    public JsonNode get(URI uri) {
        return retry.run("GET " + uri, () -> attempt(uri));
    }

    private JsonNode attempt(URI uri) throws RetryPolicy.Retryable {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        awaitRateLimit();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RetryPolicy.Retryable(describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("interrupted while calling " + uri, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetryPolicy.Retryable("HTTP " + status + " " + snippet(response.body()), null);
        }
        if (status != 200) {
            throw new IngestFailure("GET " + uri + " answered HTTP " + status + " " + snippet(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IngestFailure("GET " + uri + " answered a body that is not JSON: " + e.getMessage(), e);
        }
    }

    private synchronized void awaitRateLimit() {
        long now = System.nanoTime();
        long wait = nextRequestNanos - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestFailure("interrupted while rate limiting", e);
            }
        }
        nextRequestNanos = Math.max(now, nextRequestNanos) + minIntervalNanos;
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return m == null ? type : type + " (" + m + ")";
    }

    private static String snippet(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
