package io.c360.identity;

import io.c360.runtime.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Identity resolution over the lake: reads the stage tables named by the mapping (missing tables
 * are reported and skipped), resolves against the previous run and saves the identity tables.
 */
public final class LakeIdentityRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

    private final SparkSession spark;
    private final IdentityMapping mapping;
    private final Progress progress;

    public LakeIdentityRun(SparkSession spark, IdentityMapping mapping, Progress progress) {
        this.spark = spark;
        this.mapping = mapping;
        this.progress = progress;
    }

    /** Reads each source's table from the lake. */
    public Map<IdentityMapping.SourceMapping, Dataset<Row>> stageInputs() {
        Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs = new LinkedHashMap<>();
        for (IdentityMapping.SourceMapping s : mapping.sources()) {
            if (s.table().isEmpty()) {
                throw new IllegalArgumentException(mapping.origin() + ": source '" + s.source() + "' names no table");
            }
            if (spark.catalog().tableExists(s.table())) {
                inputs.put(s, spark.table(s.table()));
            } else {
                progress.info("warning: " + s.table() + " does not exist; source '" + s.source() + "' skipped");
            }
        }
        return inputs;
    }

    /** Runs on the given inputs (the stage tables, or any frames with the mapped columns). */
    public IdentityResolver.Resolution run(Map<IdentityMapping.SourceMapping, Dataset<Row>> inputs, boolean incremental) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no input table of the identity mapping exists: "
                    + mapping.sources().stream().map(IdentityMapping.SourceMapping::table).toList());
        }
        IdentityStore store = new IdentityStore(spark);
        Optional<IdentityResolver.Previous> previous = store.previous();
        boolean asIncremental = incremental && previous.isPresent();
        if (incremental && previous.isEmpty()) {
            progress.info("no previous identity run: running a full resolution");
        }
        String runId = ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID);
        String mode = asIncremental ? "incremental" : "full";
        Progress.Step step = progress.start("identity: " + mode + " resolution " + runId, "records");
        Dataset<Row> records;
        try (Progress.Step normalising = progress.start("identity: normalising the person records", "records")) {
            records = PersonRecords.normalize(spark, mapping, inputs);
        }
        IdentityResolver.Resolution result = new IdentityResolver(spark, mapping, progress)
                .resolve(records, previous.orElse(null), asIncremental, null);
        try (Progress.Step saving = progress.start("identity: writing the identity tables", "records")) {
            store.save(runId, mode, result, previous);
            saving.add(result.stats().records());
        }
        updateGoldenRecords(result);
        step.add(result.stats().records());
        IdentityResolver.Stats s = result.stats();
        step.done(String.format(java.util.Locale.ROOT, "%,d customers, %,d candidate pairs, %,d+%,d links",
                s.clusters(), s.candidatePairs(), s.deterministicLinks(), s.probabilisticLinks()));
        return result;
    }

    private void updateGoldenRecords(IdentityResolver.Resolution result) {
        try (Progress.Step step = progress.start("identity: golden records into " + DimCustomer.TABLE, "customers")) {
            step.add(DimCustomer.update(spark, result.members(), mapping.survivorship(), java.sql.Timestamp.from(java.time.Instant.now())));
            step.done("rebuilt: the customers whose records changed");
        }
    }

    public IdentityResolver.Resolution runOnStage(boolean incremental) {
        return run(stageInputs(), incremental);
    }
}
