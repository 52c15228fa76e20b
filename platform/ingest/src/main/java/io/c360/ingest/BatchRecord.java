package io.c360.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.runtime.raw.RawManifest;

import java.time.Instant;

/**
 * One row of {@code ops.ingest_batches}: what a connector did with one batch.
 *
 * @param rawPath workspace-relative folder of the landed batch or of the quarantined file
 */
public record BatchRecord(
        String batchId,
        String source,
        String entity,
        String connector,
        BatchStatus status,
        String ingestDate,
        int files,
        long records,
        long bytes,
        String schemaFingerprint,
        String watermarkBefore,
        String watermarkAfter,
        Instant startedAt,
        Instant finishedAt,
        String rawPath,
        String message) {

    static BatchRecord landed(RawManifest m, String rawPath, String message) {
        return new BatchRecord(m.batchId(), m.source(), m.entity(), m.connector(), BatchStatus.LANDED, m.ingestDate(),
                m.files().size(), m.recordCount(), m.bytes(), m.schemaFingerprint(), text(m.watermarkBefore()),
                text(m.watermarkAfter()), Instant.parse(m.startedAt()), Instant.parse(m.finishedAt()), rawPath, message);
    }

    /** A batch that landed nothing: the source could not be read. The watermark stays where it was. */
    static BatchRecord failed(String source, String entity, String connector, String watermark, Instant started, String message) {
        return new BatchRecord(io.c360.ingest.raw.BatchIds.next(source, entity), source, entity, connector, BatchStatus.FAILED,
                started.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString(), 0, 0, 0, null, watermark, watermark,
                started, Instant.now(), null, message);
    }

    public long durationMillis() {
        return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.toString();
    }
}
