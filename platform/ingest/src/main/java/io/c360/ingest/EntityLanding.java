package io.c360.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.ingest.raw.BatchIds;
import io.c360.ingest.raw.RawZone;
import io.c360.ingest.raw.StagedBatch;
import io.c360.ingest.state.ConnectorState;
import io.c360.ingest.state.StateStore;
import io.c360.runtime.raw.RawManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The landing protocol of one source entity, shared by every connector:
 * <ol>
 *   <li>on open, recovery: staging leftovers and batch folders without a manifest (a crash
 *       mid-commit) are deleted; manifests newer than the state checkpoint are folded into the
 *       state and recorded in the ops log if the crashed run had not;</li>
 *   <li>a batch is assembled in staging, moved into raw (a rename, or an upload to an object store), then its manifest is
 *       written (the commit point), then it is recorded in the ops log, then the state file is
 *       replaced.</li>
 * </ol>
 * A crash at any point therefore leaves either no batch (the connector re-reads from the old
 * watermark) or a complete batch that the next run folds in: never a gap, never a duplicate.
 */
public final class EntityLanding {

    private final RawZone raw;
    private final StateStore store;
    private final BatchLog log;
    private final String source;
    private final String entity;
    private final String ingestDate;
    private ConnectorState state;

    private EntityLanding(RawZone raw, StateStore store, BatchLog log, String source, String entity) {
        this.raw = raw;
        this.store = store;
        this.log = log;
        this.source = source;
        this.entity = entity;
        this.ingestDate = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        this.state = store.load(source, entity);
    }

    /** Opens the entity for landing, recovering from a crashed run first. */
    public static EntityLanding open(RawZone raw, StateStore store, BatchLog log, String source, String entity) {
        EntityLanding landing = new EntityLanding(raw, store, log, source, entity);
        landing.recover();
        return landing;
    }

    public String source() {
        return source;
    }

    public String entity() {
        return entity;
    }

    public ConnectorState state() {
        return state;
    }

    /** Remembers a hashed landing file (kept with the next checkpoint). */
    public void remember(String name, ConnectorState.SeenFile seen) {
        state = state.withSeen(name, seen);
    }

    /** Where the batch's extract is written by Spark's executors before it is staged (on the raw zone's file system). */
    public org.apache.hadoop.fs.Path extractDir(StagedBatch batch) {
        return raw.extractDir(batch.batchId());
    }

    public org.apache.hadoop.fs.FileSystem rawFileSystem() {
        return raw.raw().fileSystem();
    }

    public StagedBatch newBatch() {
        return StagedBatch.open(raw, source, entity);
    }

    /**
     * Commits a staged batch: move into raw, manifest, ops log, state.
     * @param fieldNames top-level field names of the batch's JSON records (null for other formats)
     */
    public BatchRecord commit(StagedBatch batch, String connector, String format, String schemaFingerprint, Set<String> fieldNames,
                              JsonNode watermarkBefore, JsonNode watermarkAfter) {
        org.apache.hadoop.fs.Path dir = raw.batchDir(source, entity, ingestDate, batch.batchId());
        batch.moveTo(raw, dir);
        RawManifest manifest = new RawManifest(batch.batchId(), source, entity, connector, format, ingestDate,
                batch.files(), batch.records(), batch.bytes(), schemaFingerprint,
                fieldNames == null ? null : List.copyOf(new TreeSet<>(fieldNames)), watermarkBefore, watermarkAfter,
                batch.startedAt().toString(), Instant.now().toString());
        raw.raw().writeManifest(dir, manifest);
        BatchRecord record = BatchRecord.landed(manifest, raw.location(dir), "");
        log.record(record);
        state = state.after(manifest);
        checkpoint();
        return record;
    }

    /** Moves an unreadable file to {@code quarantine/<source>/<date>/} with a reason file. */
    public BatchRecord quarantine(Path file, String name, String origin, String sha256, String connector, String reason) {
        Instant started = Instant.now();
        Path dir = raw.quarantineDir(source, ingestDate);
        String batchId = BatchIds.next(source, entity);
        try {
            Files.createDirectories(dir);
            long bytes = Files.size(file);
            Path target = dir.resolve(name);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".reason.txt"), String.join("\n",
                    "source: " + source, "entity: " + entity, "origin: " + origin, "sha256: " + sha256,
                    "bytes: " + bytes, "quarantined_at: " + started, "batch_id: " + batchId, "reason: " + reason, ""));
            BatchRecord record = new BatchRecord(batchId, source, entity, connector, BatchStatus.QUARANTINED, ingestDate,
                    1, 0, bytes, null, null, null, started, Instant.now(), raw.relative(target), origin + ": " + reason);
            log.record(record);
            state = state.withQuarantined(sha256);
            checkpoint();
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine " + origin + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Records a failed batch: nothing was landed, the state (watermark) is unchanged. */
    public BatchRecord fail(String connector, Instant started, JsonNode watermark, String message) {
        BatchRecord record = BatchRecord.failed(source, entity, connector, BatchRecord.text(watermark), started, message);
        log.record(record);
        return record;
    }

    public void checkpoint() {
        store.save(source, entity, state);
    }

    private void recover() {
        deleteStagingLeftovers();
        List<RawManifest> tail = new ArrayList<>();
        for (org.apache.hadoop.fs.Path dir : raw.batchDirs(source, entity)) {
            if (!raw.isComplete(dir)) {
                raw.raw().delete(dir);
            } else if (state.lastBatchId() == null || RawZone.batchIdOf(dir).compareTo(state.lastBatchId()) > 0) {
                RawManifest m = raw.manifest(dir);
                log.recordIfMissing(BatchRecord.landed(m, raw.location(dir), "recorded after an interrupted run"));
                tail.add(m);
            }
        }
        for (RawManifest m : tail) {
            state = state.after(m);
        }
        if (!tail.isEmpty()) {
            checkpoint();
        }
    }

    private void deleteStagingLeftovers() {
        raw.extractLeftovers(source, entity).forEach(raw.raw()::delete);
        Path staging = raw.stagingRoot();
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(staging)) {
            dirs.filter(d -> BatchIds.belongsTo(d.getFileName().toString(), source, entity)).forEach(RawZone::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the staging area " + staging, e);
        }
    }
}
