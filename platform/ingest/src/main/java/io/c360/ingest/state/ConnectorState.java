package io.c360.ingest.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.c360.runtime.raw.RawManifest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a source entity's connectors remember between runs. Everything except {@link #files()}
 * can be rebuilt from the raw manifests: {@link #lastBatchId()} says up to which manifest this
 * checkpoint is folded in.
 *
 * @param watermark        the extraction watermark of the last landed batch (http, jdbc), or null
 * @param landedSha256     sha256 of every file drop landed (the same bytes are landed once)
 * @param quarantinedSha256 sha256 of every file drop quarantined (not retried until it changes)
 * @param files            landing files already hashed, by name, so unchanged files are not re-read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorState(
        String lastBatchId,
        JsonNode watermark,
        Set<String> landedSha256,
        Set<String> quarantinedSha256,
        Map<String, SeenFile> files) {

    /** A landing file as it was when hashed. */
    public record SeenFile(long size, long modifiedMillis, String sha256) {
    }

    public ConnectorState {
        landedSha256 = landedSha256 == null ? new HashSet<>() : new HashSet<>(landedSha256);
        quarantinedSha256 = quarantinedSha256 == null ? new HashSet<>() : new HashSet<>(quarantinedSha256);
        files = files == null ? new LinkedHashMap<>() : new LinkedHashMap<>(files);
    }

    public static ConnectorState empty() {
        return new ConnectorState(null, null, null, null, null);
    }

    /** This state with one more landed batch folded in. */
    public ConnectorState after(RawManifest manifest) {
        Set<String> landed = new HashSet<>(landedSha256);
        if ("file".equals(manifest.connector())) {
            manifest.files().forEach(f -> landed.add(f.sha256()));
        }
        JsonNode wm = manifest.watermarkAfter() == null || manifest.watermarkAfter().isNull() ? watermark : manifest.watermarkAfter();
        return new ConnectorState(manifest.batchId(), wm, landed, quarantinedSha256, files);
    }

    public ConnectorState withQuarantined(String sha256) {
        Set<String> q = new HashSet<>(quarantinedSha256);
        q.add(sha256);
        return new ConnectorState(lastBatchId, watermark, landedSha256, q, files);
    }

    public ConnectorState withSeen(String name, SeenFile seen) {
        Map<String, SeenFile> f = new LinkedHashMap<>(files);
        f.put(name, seen);
        return new ConnectorState(lastBatchId, watermark, landedSha256, quarantinedSha256, f);
    }

    public boolean knows(String sha256) {
        return landedSha256.contains(sha256) || quarantinedSha256.contains(sha256);
    }
}
