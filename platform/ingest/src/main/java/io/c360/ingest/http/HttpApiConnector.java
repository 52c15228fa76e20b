package io.c360.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.ingest.BatchRecord;
import io.c360.ingest.EntityLanding;
import io.c360.ingest.IngestFailure;
import io.c360.ingest.SchemaFingerprint;
import io.c360.ingest.raw.StagedBatch;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest.RawFile;
import io.c360.ingest.ContentHash;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pulls an entity from a paginated JSON API ({@code items} + {@code next_page_token}, contract
 * in docs/architecture.md) from the stored watermark on, and lands the new records as one NDJSON
 * batch (one record per line, as received). The watermark moves only with the committed batch.
 */
public final class HttpApiConnector {

    public static final String NAME = "http";

    private final ApiClient client;
    private final String endpoint;
    private final int pageSize;
    private final String keyField;
    private final String cursorField;
    private final String source;

    public HttpApiConnector(ApiClient client, String source, String endpoint, int pageSize, String keyField, String cursorField) {
        this.client = client;
        this.source = source;
        this.endpoint = endpoint;
        this.pageSize = pageSize;
        this.keyField = keyField;
        this.cursorField = cursorField;
    }

    public List<BatchRecord> land(EntityLanding landing, Progress.Step step) {
        JsonNode before = landing.state().watermark();
        ApiWatermark old = ApiWatermark.from(before);
        Instant started = Instant.now();
        try (StagedBatch batch = landing.newBatch()) {
            Pull pull = new Pull(old, batch.dir().resolve(landing.entity() + ".ndjson"));
            try {
                pull.run(step);
            } catch (IngestFailure e) {
                return List.of(landing.fail(NAME, started, before, source + ": " + e.getMessage()));
            }
            if (pull.records == 0) {
                return List.of();
            }
            batch.add(new RawFile(pull.file.getFileName().toString(), pull.bytes, pull.sha256, pull.records, endpoint));
            JsonNode after = pull.maxUpdatedAt == null ? before : new ApiWatermark(pull.maxUpdatedAt, pull.keysAtMax).toJson();
            return List.of(landing.commit(batch, NAME, "jsonl", SchemaFingerprint.ofFieldNames(pull.fieldNames), pull.fieldNames, before, after));
        }
    }

    /** One pull: every page from the old watermark on, streamed to an NDJSON file. */
    private final class Pull {
        private final ApiWatermark old;
        private final Path file;
        private final Set<String> fieldNames = new HashSet<>();
        private Instant maxUpdatedAt;
        private Set<String> keysAtMax = new LinkedHashSet<>();
        private long records;
        private long bytes;
        private String sha256;

        Pull(ApiWatermark old, Path file) {
            this.old = old;
            this.file = file;
            if (old != null) {
                maxUpdatedAt = old.updatedAt();
                keysAtMax.addAll(old.keysAtUpdatedAt());
            }
        }

        void run(Progress.Step step) {
            MessageDigest digest = ContentHash.newDigest();
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest)) {
                String token = null;
                Set<String> tokensSeen = new HashSet<>();
                do {
                    JsonNode page = client.get(pageUri(token));
                    JsonNode items = page.path("items");
                    if (!items.isArray()) {
                        throw new IngestFailure("GET " + pageUri(token) + " answered without an \"items\" array");
                    }
                    step.add(write(items, out));
                    JsonNode next = page.get("next_page_token");
                    token = next == null || next.isNull() ? null : next.asText();
                    if (token != null && !tokensSeen.add(token)) {
                        throw new IngestFailure("GET " + endpoint + " returned page token '" + token + "' twice (the API loops)");
                    }
                } while (token != null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the pulled records to " + file, e);
            }
            bytes = size();
            sha256 = ContentHash.hex(digest);
        }

        private long write(JsonNode items, OutputStream out) throws IOException {
            long written = 0;
            for (JsonNode item : items) {
                String key = item.path(keyField).asText(null);
                Instant updatedAt = instant(item.path(cursorField).asText(null));
                if (old != null && old.alreadyLanded(updatedAt, key)) {
                    continue;
                }
                out.write(ApiClient.JSON.writeValueAsBytes(item));
                out.write('\n');
                item.fieldNames().forEachRemaining(fieldNames::add);
                advance(updatedAt, key);
                written++;
            }
            records += written;
            return written;
        }

        private void advance(Instant updatedAt, String key) {
            if (updatedAt == null || key == null) {
                return;
            }
            if (maxUpdatedAt == null || updatedAt.isAfter(maxUpdatedAt)) {
                maxUpdatedAt = updatedAt;
                keysAtMax = new LinkedHashSet<>();
            }
            if (updatedAt.equals(maxUpdatedAt)) {
                keysAtMax.add(key);
            }
        }

        private URI pageUri(String token) {
            StringBuilder uri = new StringBuilder(endpoint).append("?limit=").append(pageSize);
            if (old != null) {
                uri.append("&updated_since=").append(encode(old.updatedAt().toString()));
            }
            if (token != null) {
                uri.append("&page_token=").append(encode(token));
            }
            return URI.create(uri.toString());
        }

        private long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a malformed cursor value does not move the watermark; the record is still landed
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
