package io.c360.lifecycle.erasure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one erasure removed, where, and when: SHA-256 hashes of the person's ids and identifying
 * values (never the values), key counts by kind, raw files rewritten (hashes before and after),
 * rows deleted per table, files and snapshots removed, profile-store rows, audit details redacted.
 */
public record ErasureCertificate(
        String erasureId,
        Instant startedAt,
        Instant finishedAt,
        String requestedBy,
        Map<String, List<String>> subjectHashes,
        Map<String, Integer> keyCounts,
        List<RawFileErasure> rawFiles,
        Map<String, Long> lakeRows,
        Map<String, Integer> lakeFiles,
        Map<String, Long> profileStore,
        long tombstones,
        int auditEventsRedacted) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, List<String>> hashes(ErasureSubject s) {
        Map<String, List<String>> out = new TreeMap<>();
        out.put("customer_id", s.keys(KeyKind.CUSTOMER).stream().map(ErasureCertificate::sha256).sorted().toList());
        s.identifiers().forEach((kind, values) -> out.put(kind, values.stream().map(ErasureCertificate::sha256).sorted().toList()));
        return out;
    }

    static Map<String, Integer> keyCounts(ErasureSubject s) {
        Map<String, Integer> out = new TreeMap<>();
        for (KeyKind k : KeyKind.values()) {
            Set<String> keys = s.keys(k);
            if (!keys.isEmpty()) {
                out.put(k.name().toLowerCase(java.util.Locale.ROOT), keys.size());
            }
        }
        return out;
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long rawRecordsRemoved() {
        return rawFiles.stream().mapToLong(RawFileErasure::recordsRemoved).sum();
    }

    public long lakeRowsDeleted() {
        return lakeRows.values().stream().mapToLong(Long::longValue).sum();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("erasure_id", erasureId);
        root.put("started_at", startedAt.toString());
        root.put("finished_at", finishedAt.toString());
        root.put("requested_by", requestedBy);
        ObjectNode subject = root.putObject("subject_sha256");
        subjectHashes.forEach((k, v) -> {
            ArrayNode a = subject.putArray(k);
            v.forEach(a::add);
        });
        ObjectNode counts = root.putObject("keys_by_kind");
        keyCounts.forEach(counts::put);
        ArrayNode raw = root.putArray("raw_files");
        for (RawFileErasure f : rawFiles) {
            raw.addObject().put("path", f.path()).put("records_removed", f.recordsRemoved())
                    .put("sha256_before", f.sha256Before()).put("sha256_after", f.sha256After());
        }
        ObjectNode rows = root.putObject("lake_rows_deleted");
        lakeRows.forEach(rows::put);
        ObjectNode files = root.putObject("lake_files");
        lakeFiles.forEach(files::put);
        ObjectNode store = root.putObject("profile_store_rows_deleted");
        profileStore.forEach(store::put);
        root.put("tombstones", tombstones);
        root.put("audit_events_redacted", auditEventsRedacted);
        return root.toString();
    }
}
