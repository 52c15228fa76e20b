package io.c360.runtime.raw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code _manifest.json} of one raw batch (contract in docs/architecture.md). It is written
 * last, atomically: a batch folder without it is incomplete and ignored by readers. Reading and
 * writing it is the raw zone's job (its folders may be on a local disk or an object store).
 * {@code fieldNames}: the top-level field names of a JSON batch's records, as the connector read them
 * (null when it did not), so that readers need no pass over the records to find new fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RawManifest(
        String batchId,
        String source,
        String entity,
        String connector,
        String format,
        String ingestDate,
        List<RawFile> files,
        long recordCount,
        long bytes,
        String schemaFingerprint,
        List<String> fieldNames,
        JsonNode watermarkBefore,
        JsonNode watermarkAfter,
        String startedAt,
        String finishedAt) {

    public static final String FILE_NAME = "_manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One landed file. {@code origin} is where it came from (landing path, URL or table). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RawFile(String name, long bytes, String sha256, long records, String origin) {
    }

    /** Parses a manifest; {@code where} names it in the error message. */
    public static RawManifest parse(InputStream json, String where) {
        try {
            return JSON.readValue(json, RawManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable raw manifest " + where + ": " + e.getMessage(), e);
        }
    }

    /** The manifest as the bytes of {@value #FILE_NAME}. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the raw manifest of batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    @JsonProperty("batch_id")
    public String batchId() {
        return batchId;
    }
}
