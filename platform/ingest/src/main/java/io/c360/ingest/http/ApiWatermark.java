package io.c360.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The watermark of an API pull. The API's {@code updated_since} is inclusive, so the records at
 * the watermark's instant come back on the next pull: the watermark keeps their keys to skip
 * them (and only them) again.
 */
public record ApiWatermark(Instant updatedAt, Set<String> keysAtUpdatedAt) {

    public static ApiWatermark from(JsonNode node) {
        if (node == null || node.isNull() || !node.hasNonNull("updated_at")) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        node.path("keys").forEach(k -> keys.add(k.asText()));
        return new ApiWatermark(Instant.parse(node.get("updated_at").asText()), keys);
    }

    public JsonNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("updated_at", updatedAt.toString());
        keysAtUpdatedAt.forEach(n.putArray("keys")::add);
        return n;
    }

    /** True when the record was landed by the pull that set this watermark. */
    public boolean alreadyLanded(Instant recordUpdatedAt, String key) {
        return recordUpdatedAt != null && recordUpdatedAt.equals(updatedAt) && keysAtUpdatedAt.contains(key);
    }
}
