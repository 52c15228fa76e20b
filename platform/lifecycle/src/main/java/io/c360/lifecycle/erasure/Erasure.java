package io.c360.lifecycle.erasure;

import io.c360.lake.ops.ErasureTombstones;
import io.c360.lifecycle.TableFiles;
import io.c360.lifecycle.TaskPool;
import io.c360.pipeline.WorkspaceLock;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinitions;
import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.store.ProfileStore;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The right to erasure: removes one person from every zone the platform owns — raw batch files
 * (and their manifests) and quarantined files, every Iceberg table (stage, quarantine, identity map,
 * golden-record history, analytics, ops), the files and snapshots that still hold the old rows, and
 * the profile store — writes tombstones so raw batches from before the erasure never bring the
 * person back, redacts their identifiers from audit details, and writes the certificate to the
 * audit log ({@code ops_audit_log}, action {@value #ACTION}). Holds the workspace lock throughout, so no
 * pipeline run writes meanwhile.
 */
public final class Erasure {

    public static final String ACTION = "erasure";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final C360Config config;
    private final SparkSession spark;
    private final PostgresService postgres;
    private final Progress progress;

    public Erasure(C360Config config, SparkSession spark, PostgresService postgres, Progress progress) {
        this.config = config;
        this.spark = spark;
        this.postgres = postgres;
        this.progress = progress;
    }

    /** Finds the person by customer id, CPF or e-mail (at least one given). */
    public ErasureSubject resolve(String customerId, String cpf, String email) {
        try (Progress.Step step = progress.start("find the person's records", "keys")) {
            ErasureSubject s = new SubjectResolver(spark).resolve(customerId, cpf, email);
            int keys = ErasureCertificate.keyCounts(s).values().stream().mapToInt(Integer::intValue).sum();
            step.add(keys);
            step.done(ErasureCertificate.keyCounts(s).toString());
            return s;
        }
    }

    public ErasureCertificate erase(ErasureSubject subject, String requestedBy) {
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("no records of this person were found: nothing to erase");
        }
        Instant started = Instant.now();
        String id = "E" + ID.format(started) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        try (WorkspaceLock ignored = WorkspaceLock.acquire(config.workspace(), "erasure " + id)) {
            SourceDefinitions sources = SourceDefinitions.from(config);
            long tombstones = writeTombstones(subject, sources, id, started);
            Map<String, Long> store = eraseProfileStore(subject);
            List<RawFileErasure> raw = eraseRaw(subject);
            Map<String, Long> rows = eraseLake(subject, sources);
            Map<String, Integer> files = purgeFiles(rows.keySet());
            return certify(subject, id, started, requestedBy, raw, rows, files, store, tombstones);
        }
    }

    /** First, so the person stops being served at once. */
    private Map<String, Long> eraseProfileStore(ErasureSubject subject) {
        try (Progress.Step step = progress.start("profile store", "rows")) {
            Map<String, Long> store = ProfileStore.open(postgres).erase(subject.keys(KeyKind.CUSTOMER), contactKeys(subject));
            step.add(store.values().stream().mapToLong(Long::longValue).sum());
            step.done(store.toString());
            return store;
        }
    }

    /** Redacts audit details naming the person, then records the certificate in the audit log. */
    private ErasureCertificate certify(ErasureSubject subject, String id, Instant started, String requestedBy, List<RawFileErasure> raw,
                                       Map<String, Long> rows, Map<String, Integer> files, Map<String, Long> store, long tombstones) {
        try (Progress.Step step = progress.start("audit log: redact details, write the certificate", "events");
             AuditLog audit = AuditLog.open(postgres)) {
            int redacted = audit.redact(subject.searchableIdentifiers());
            ErasureCertificate certificate = new ErasureCertificate(id, started, Instant.now(), requestedBy,
                    ErasureCertificate.hashes(subject), ErasureCertificate.keyCounts(subject), raw, rows, files, store,
                    tombstones, redacted);
            audit.record(new AuditEvent(certificate.finishedAt(), "cli", requestedBy, "admin", ACTION, null, certificate.toJson(), false));
            audit.flush();
            step.add(redacted);
            step.done(redacted + " detail(s) redacted, certificate " + id + " in ops_audit_log");
            return certificate;
        }
    }

    private long writeTombstones(ErasureSubject subject, SourceDefinitions sources, String id, Instant at) {
        try (Progress.Step step = progress.start("tombstones", "keys")) {
            ErasureTombstones tombstones = new ErasureTombstones(spark);
            long n = 0;
            for (var layout : sources.entities()) {
                n += tombstones.write(layout.source(), layout.entity(),
                        RawZoneEraser.keysByField(subject, layout.source(), layout.entity()), id, at);
            }
            step.add(n);
            step.done(n + " hashed source keys in " + ErasureTombstones.TABLE);
            return n;
        }
    }

    private List<RawFileErasure> eraseRaw(ErasureSubject subject) {
        try (Progress.Step step = progress.start("raw zone and quarantine files", "records")) {
            List<RawFileErasure> raw = RawZoneEraser.of(config, spark).erase(subject, config.workspace());
            long records = raw.stream().mapToLong(RawFileErasure::recordsRemoved).sum();
            step.add(records);
            step.done(records + " records removed from " + raw.size() + " file(s), manifests updated");
            return raw;
        }
    }

    private Map<String, Long> eraseLake(ErasureSubject subject, SourceDefinitions sources) {
        try (Progress.Step step = progress.start("lake tables", "rows")) {
            Map<String, Long> rows = new LakeEraser(spark, sources, pool()).erase(subject);
            long n = rows.values().stream().mapToLong(Long::longValue).sum();
            step.add(n);
            step.done(n + " rows deleted from " + rows.size() + " table(s)");
            return rows;
        }
    }

    /**
     * Rewrites the files of every lake table that still hold deleted or superseded rows and the
     * manifests that still describe removed files, then expires all older snapshots and removes
     * orphan files, so no file keeps the person's old rows or their column bounds. Every table is
     * looked at (old snapshots and merge-on-read deletes can hold the person's rows in a table they
     * no longer appear in), several at a time; each step is skipped where the table's metadata shows
     * there is nothing to do.
     */
    private Map<String, Integer> purgeFiles(Set<String> changed) {
        try (Progress.Step step = progress.start("rewrite files, expire snapshots, remove orphans", "files")) {
            TableFiles files = new TableFiles(spark);
            List<TablePurge> purged = pool().map(files.lakeTables(), table -> purge(files, table));
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("data_files_rewritten", purged.stream().mapToInt(TablePurge::rewritten).sum());
            out.put("snapshots_expired", purged.stream().mapToInt(TablePurge::expired).sum());
            out.put("orphan_files_removed", purged.stream().mapToInt(TablePurge::orphans).sum());
            step.add(out.get("data_files_rewritten") + out.get("orphan_files_removed"));
            step.done(out.toString() + " (" + changed.size() + " tables had the person's rows)");
            return out;
        }
    }

    private record TablePurge(int rewritten, int expired, int orphans) {
    }

    private static TablePurge purge(TableFiles files, String table) {
        int rewritten = files.purgeDeletedRows(table);
        files.rewriteManifests(table);
        Instant now = Instant.now();
        return new TablePurge(rewritten, files.expireSnapshots(table, now), files.removeOrphans(table, now));
    }

    /** Tables and raw batches worked on at the same time ({@code erasure.parallelism}). */
    private TaskPool pool() {
        return new TaskPool(config.getInt("erasure.parallelism"));
    }

    /** Contact lookup keys as the profile store normalizes them: e-mails lower-cased, CPFs and phones digits. */
    private static List<String> contactKeys(ErasureSubject s) {
        Set<String> out = new LinkedHashSet<>();
        s.identifiers().getOrDefault("email", Set.of()).forEach(e -> out.add(e.toLowerCase(java.util.Locale.ROOT)));
        s.identifiers().getOrDefault("national_id", Set.of()).forEach(c -> out.add(c.replaceAll("[^0-9]", "")));
        s.identifiers().getOrDefault("phone", Set.of()).forEach(p -> out.add(p.replaceAll("[^0-9]", "")));
        out.removeIf(String::isBlank);
        return new ArrayList<>(out);
    }
}
