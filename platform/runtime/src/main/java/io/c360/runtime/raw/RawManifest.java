package io.c360.runtime.raw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code _manifest.json} of one raw batch (contract in docs/architecture.md). It is written
 * last, atomically: a batch folder without it is incomplete and ignored by readers.
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

    public static RawManifest read(Path batchDir) {
        Path file = batchDir.resolve(FILE_NAME);
        try {
            return JSON.readValue(file.toFile(), RawManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable raw manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the manifest into the batch folder atomically (temp file + rename). */
    public void writeTo(Path batchDir) {
        Path tmp = batchDir.resolve(FILE_NAME + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, batchDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write raw manifest in " + batchDir + ": " + e.getMessage(), e);
        }
    }

    @JsonProperty("batch_id")
    public String batchId() {
        return batchId;
    }
}
