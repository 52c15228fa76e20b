package io.c360.lake.model;

import io.c360.lake.CachedRows;
import io.c360.lake.ConformFunctions;
import io.c360.lake.DriverRows;
import io.c360.lake.ops.DqResults;
import io.c360.lake.ops.ErasureTombstones;
import io.c360.lake.ops.ProcessedBatches;
import io.c360.lake.ops.QuarantineTable;
import io.c360.lake.quality.DataQuality;
import io.c360.lake.quality.DataQuality.TestedRows;
import io.c360.lake.quality.DqResult;
import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawRead;
import io.c360.lake.raw.RawReader;
import io.c360.lake.raw.RawZone;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Runs the models of a zone in dependency order. For each model: reads the raw batches it has not
 * processed yet (a model without {@code source()}, built only from other models, is rebuilt
 * whole on every run), runs its SQL, sends rejected rows (non-empty {@code _reject_reason}, unparseable
 * records, null business keys) to {@code stage.quarantine}, MERGEs the rest into its Iceberg
 * table, records the batches as processed and runs the model's tests into {@code ops.dq_results}.
 * Records of erased persons in batches landed before their erasure are left out ({@link ErasureTombstones}).
 * Models whose upstream models are built run at the same time, up to {@code transform.concurrent-models}:
 * most of a model's wall time is driver-side work (planning, Iceberg commits, small test queries)
 * that another model's Spark tasks can overlap.
 */
public final class ModelRunner {

    public static final String REJECT_REASON = "_reject_reason";
    /** Columns of a model's result that its table does not store. */
    public static final List<String> NOT_STORED = List.of(REJECT_REASON, RawReader.RAW_RECORD);
    static final String REASON = "reason";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final RawZone zone;
    private final Progress progress;
    private final RawReader reader;
    private final IncrementalTable tables;
    private final ProcessedBatches processed;
    private final QuarantineTable quarantine;
    private final DqResults dqResults;
    private final DataQuality quality;
    private final ModelRunListener listener;
    private final ErasureTombstones tombstones;
    private final int concurrentModels;

    public ModelRunner(SparkSession spark, SourceDefinitions sources, RawZone zone, Progress progress) {
        this(spark, sources, zone, progress, built -> { }, 1);
    }

    /** @param concurrentModels how many independent models may be built at once */
    public ModelRunner(SparkSession spark, SourceDefinitions sources, RawZone zone, Progress progress, ModelRunListener listener,
                       int concurrentModels) {
        if (concurrentModels < 1) {
            throw new IllegalArgumentException("transform.concurrent-models: " + concurrentModels + ", expected 1 or more");
        }
        this.concurrentModels = concurrentModels;
        this.listener = listener;
        this.spark = spark;
        this.sources = sources;
        this.zone = zone;
        this.progress = progress;
        this.reader = new RawReader(spark);
        this.tables = new IncrementalTable(spark);
        this.processed = new ProcessedBatches(spark);
        this.quarantine = new QuarantineTable(spark);
        this.dqResults = new DqResults(spark);
        this.quality = new DataQuality(spark);
        this.tombstones = new ErasureTombstones(spark);
        ConformFunctions.register(spark);
    }

    /** A runner configured by the workspace: its raw zone, source layouts and {@code transform.concurrent-models}. */
    public static ModelRunner of(C360Config config, SparkSession spark, Progress progress, ModelRunListener listener) {
        String concurrent = config.find("transform.concurrent-models").orElse("1");
        try {
            return new ModelRunner(spark, SourceDefinitions.from(config), RawZone.of(config, spark), progress, listener,
                    Integer.parseInt(concurrent.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transform.concurrent-models: '" + concurrent + "' is not a number", e);
        }
    }

    /** Builds the project's models, each as soon as the models it references are built; returns them in project order. */
    public List<ModelRun> run(ModelProject project, RunOptions options) {
        String runId = RUN_ID.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        List<DqResult> results = Collections.synchronizedList(new ArrayList<>());
        Map<String, Set<String>> done = processed.all();
        Map<String, CompletableFuture<ModelRun>> builds = new LinkedHashMap<>();
        BuildQueue queue = new BuildQueue(concurrentModels, project.waitingChains(), modelThreads());
        RunContext context = new RunContext(runId, results, new TableChanges(spark));
        Map<String, Map<SourceRef, List<RawBatch>>> pending = new LinkedHashMap<>();
        project.models().forEach(m -> pending.put(m.name(), pendingBatches(m, options, done.getOrDefault(m.table(), Set.of()))));
        try {
            // the largest raw input first: a big model started last would leave the other cores idle at the end
            for (Model m : project.models(Comparator.comparingLong((Model m) -> rawBytes(pending.get(m.name()))).reversed())) {
                List<CompletableFuture<ModelRun>> referenced = of(builds, m.sql().references());
                CompletableFuture<Supplier<ModelRun>> built = allOf(of(builds, m.reads()))
                        .thenApplyAsync(ignored -> referenced.stream().map(CompletableFuture::join).anyMatch(ModelRunner::blocks)
                                ? skipped(m)
                                : inOwnPool(m, () -> runModel(project, m, options, context, pending.get(m.name()),
                                        done.getOrDefault(m.table(), Set.of()))),
                                queue.forModel(m.name()));
                // a relationships test waits for the model it reads, the build does not (e.g. lookup keys and customer_360);
                // the tests run in the thread that completes the later of the two, right after the build when nothing is awaited
                builds.put(m.name(), built.thenCombine(allOf(of(builds, m.testedAgainst())).exceptionally(e -> null),
                        (tests, ignored) -> inOwnPool(m, tests)));
            }
            return joinAll(project.models().stream().map(m -> builds.get(m.name())).toList());
        } finally {
            queue.close();
            context.changes().close();
            dqResults.append(results);
            listener.runFinished(runId);
        }
    }

    /** Waits for every build (none keeps running after the run returns); rethrows the first error. */
    private static List<ModelRun> joinAll(Collection<CompletableFuture<ModelRun>> builds) {
        try {
            CompletableFuture.allOf(builds.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            return builds.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static List<CompletableFuture<ModelRun>> of(Map<String, CompletableFuture<ModelRun>> builds, Set<String> models) {
        return models.stream().map(builds::get).filter(Objects::nonNull).toList();
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<ModelRun>> builds) {
        return CompletableFuture.allOf(builds.toArray(CompletableFuture[]::new));
    }

    /** Runs a model's Spark jobs in a scheduler pool of its own, so that the FAIR scheduler shares the cores between models. */
    private <T> T inOwnPool(Model m, Supplier<T> work) {
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", m.table());
        try {
            return work.get();
        } finally {
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }

    private static boolean blocks(ModelRun upstream) {
        return upstream.failed() || "skipped".equals(upstream.status());
    }

    private Supplier<ModelRun> skipped(Model m) {
        return () -> {
            progress.info(m.table() + ": skipped, an upstream model failed its tests");
            return ModelRun.idle(m.table(), "skipped");
        };
    }

    private static ThreadFactory modelThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "c360-model-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One run of the runner: its id, the test results of its models, and what changed in the tables they compare. */
    private record RunContext(String runId, List<DqResult> results, TableChanges changes) {
    }

    /** Builds and writes the model; returns its tests (and report), to run once the models they read are built. */
    private Supplier<ModelRun> runModel(ModelProject project, Model m, RunOptions options, RunContext context,
                                        Map<SourceRef, List<RawBatch>> pending, Set<String> done) {
        Progress.Step step = progress.start(m.table(), "rows");
        Instant startedAt = Instant.now();
        List<String> batchIds = pending.values().stream().flatMap(List::stream).map(RawBatch::id).toList();
        boolean fromRaw = !m.sql().sources().isEmpty();
        if (fromRaw && batchIds.isEmpty()) {
            step.done("up to date, no new raw batches");
            return () -> ModelRun.idle(m.table(), "up to date");
        }
        BuildScope scope = m.byKey() && !fromRaw
                ? BuildScope.plan(spark, m, options.vars(), name -> refTable(project, name), options.reprocess(), context.changes()) : null;
        if (scope != null && !scope.whole() && scope.keyCount() == 0) {
            scope.release();
            step.done("up to date, nothing it reads changed");
            return () -> ModelRun.idle(m.table(), "up to date");
        }
        try {
            return build(project, m, options, context, new Batches(pending, batchIds, done), scope, step, startedAt);
        } catch (RuntimeException | Error e) {
            release(scope);
            throw e;
        }
    }

    /** The keys of a build by key, once its tests ran (releasing them drops the cached rows that read them, if any). */
    private static void release(BuildScope scope) {
        if (scope != null) {
            scope.release();
        }
    }

    /** The raw batches a model reads in a run: by source, their ids, and those it had processed before. */
    private record Batches(Map<SourceRef, List<RawBatch>> pending, List<String> ids, Set<String> done) {
    }

    /** Builds and writes the model; returns its tests and report, after which its cached rows and scope are released. */
    private Supplier<ModelRun> build(ModelProject project, Model m, RunOptions options, RunContext context, Batches batches,
                                     BuildScope scope, Progress.Step step, Instant startedAt) {
        String runId = context.runId();
        List<String> batchIds = batches.ids();
        boolean fromRaw = !m.sql().sources().isEmpty();
        boolean scoped = scope != null && !scope.whole();
        long planned = step.elapsedNanos();
        ModelInput input = readPending(m, batches.pending(), runId);
        ModelSql withVars = m.sql().withVars(options.vars(), m.table());
        String sql = (scoped ? withVars.scopedBy(scope::contains) : withVars.whole())
                .render(input.views::get, name -> refTable(project, name), input.newFields);
        Dataset<Row> out = spark.sql(sql);
        // A model rebuilt whole from other models streams its rows into the table, counted on the way: caching
        // them first (to count, then write) cost a fifth of the CPU of a 13 M-row fact table. The others are
        // cached: a raw batch's rejects are quarantined from them, a build by key's tests read them.
        boolean streamed = !fromRaw && !scoped;
        Supplier<Dataset<Row>> computedAgain = () -> judged(m, spark.sql(sql));
        Observation observed = new Observation(m.table() + " rows");
        Dataset<Row> judged = streamed ? RowCounts.observe(judged(m, out), observed) : judged(m, out).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            RowCounts counts = streamed ? null : RowCounts.of(judged, input);
            long built = step.elapsedNanos();
            Dataset<Row> good = judged.filter(col(REASON).isNull()).drop(REASON).drop(NOT_STORED.toArray(String[]::new));
            // rows merged into an existing table: its other rows were tested when they were written
            TestedRows tested = scoped ? TestedRows.written(writtenView(m, good))
                    : fromRaw && !options.reprocess() && spark.catalog().tableExists(m.table()) ? TestedRows.ofBatches(batchIds) : TestedRows.all();
            List<String> added = write(m, good, fromRaw ? batchIds : null, scope);
            added.forEach(c -> input.drift.add(driftResult(runId, m, "schema_drift(" + c + " added)",
                    "new source field " + c + " added to " + m.table() + " as a nullable column")));
            if (streamed) {
                counts = RowCounts.of(observed, computedAgain);
            }
            long rowsOut = counts.rows() - counts.rejected();
            long quarantined = counts.rejected() + input.unparseable();
            synchronized (quarantine) { // tables all models write: an UPDATE cannot run while another thread appends
                if (quarantined > 0) {
                    // streamed rows are not kept: the rare rejects of a model built from other models are computed again
                    Dataset<Row> rejected = (streamed ? computedAgain.get() : judged).filter(col(REASON).isNotNull());
                    quarantineRejects(m, runId, input.parseRejects(spark), rejected);
                }
                if (options.replayQuarantine() || options.reprocess()) {
                    // after the new rejects are stored, so that a run killed in between loses nothing
                    quarantine.close(m.table(), new HashSet<>(batchIds), runId, options.replayQuarantine() ? "replayed" : "reprocessed");
                }
                processed.record(m.table(), batchIds, batches.done(), runId);
            }
            long written = step.elapsedNanos();
            long keys = scoped ? scope.keyCount() : 0;
            return () -> {
                try {
                    long testsStart = step.elapsedNanos();
                    List<DqResult> results = new ArrayList<>(input.drift);
                    results.addAll(quality.check(runId, m.table(), m.spec().uniqueKey(), m.zone(), m.spec().tests(), tested));
                    context.results().addAll(results);
                    progress.detail(m.table() + ": " + (scoped ? "affected keys " + Progress.duration(planned) + ", " : "")
                            + (streamed ? "model and write " + Progress.duration(written - planned)
                            : "read and model " + Progress.duration(built - planned) + ", write " + Progress.duration(written - built))
                            + ", tests " + Progress.duration(step.elapsedNanos() - testsStart));
                    String waited = testsStart - written < 1_000_000_000L ? ""
                            : ", tests waited " + Progress.duration(testsStart - written) + " for " + String.join(", ", m.testedAgainst());
                    ModelRun run = finished(m, step, results, input, batchIds, rowsOut, quarantined,
                            (scoped ? ", rebuilt " + Progress.formatCount(keys) + " " + m.spec().incrementalBy() + " values" : "") + waited);
                    String wholeSql = scoped ? withVars.whole().render(input.views::get, name -> refTable(project, name), input.newFields)
                            : sql;
                    listener.built(new ModelRunListener.Built(runId, m, wholeSql, scoped ? spark.sql(wholeSql).queryExecution().analyzed()
                            : out.queryExecution().analyzed(), input.sourceViews(), run, startedAt, Instant.now()));
                    return run;
                } finally {
                    CachedRows.release(judged);
                    release(scope);
                }
            };
        } catch (RuntimeException | Error e) {
            CachedRows.release(judged);
            throw e;
        }
    }

    /** A model's rows and, among them, those rejected (not stored). */
    private record RowCounts(long rows, long rejected) {

        private static final String ROWS = "rows";
        private static final String REJECTED = "rejected";

        /** Counted on the cached rows; the records of the model's sources are counted in the same pass. */
        static RowCounts of(Dataset<Row> judged, ModelInput input) {
            Dataset<Row> totals = judged.agg(allRows(), rejectedRows());
            RowCounts counts = of(totals.collectAsList().get(0)); // this query's own execution: it holds the observed source counts
            input.countFrom(totals.queryExecution());
            return counts;
        }

        /** The rows, to be counted as they are written. */
        static Dataset<Row> observe(Dataset<Row> judged, Observation observed) {
            return judged.observe(observed, allRows(), rejectedRows());
        }

        /**
         * Counted while the rows were written. Spark reports them to a listener after the write returned; should
         * that report be lost (a listener queue that overflowed drops events), the rows are counted again.
         */
        static RowCounts of(Observation observed, Supplier<Dataset<Row>> judgedAgain) {
            CompletableFuture<Map<String, Object>> reported = CompletableFuture.supplyAsync(() -> {
                try {
                    return observed.getAsJava();
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            try {
                Map<String, Object> counts = reported.get(2, TimeUnit.MINUTES);
                return new RowCounts((Long) counts.get(ROWS), (Long) counts.get(REJECTED));
            } catch (TimeoutException | ExecutionException e) {
                return of(judgedAgain.get().agg(allRows(), rejectedRows()).first());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting the rows written", e);
            }
        }

        private static Column allRows() {
            return count(lit(1)).as(ROWS);
        }

        private static Column rejectedRows() {
            return count(col(REASON)).as(REJECTED);
        }

        private static RowCounts of(Row counts) {
            return new RowCounts(counts.getLong(counts.fieldIndex(ROWS)), counts.getLong(counts.fieldIndex(REJECTED)));
        }
    }

    /** The rows a build by key writes, as a view its tests read (they are all the table's rows of the keys in scope). */
    private static String writtenView(Model m, Dataset<Row> rows) {
        String view = "__c360_written_" + m.table().replace('.', '_');
        rows.createOrReplaceTempView(view);
        return view;
    }

    /**
     * Writes a model's rows: merged by key (from raw batches, null for a model built from other models), replacing the
     * keys in scope, or replacing the table; returns added columns.
     */
    private List<String> write(Model m, Dataset<Row> rows, List<String> batchIds, BuildScope scope) {
        if (batchIds != null) {
            return MergedBatches.writing(batchIds, () -> tables.merge(m.table(), rows, m.spec().uniqueKey(), m.spec().latestBy()));
        }
        if (scope == null) {
            return tables.replace(m.table(), rows);
        }
        return scope.record().writing(() -> {
            if (scope.whole()) {
                return tables.replace(m.table(), rows);
            }
            tables.replaceScope(m.table(), rows, m.spec().uniqueKey(), alias -> scope.contains(alias + ".`" + m.spec().incrementalBy() + "`"),
                    scope.listsKeys());
            return List.<String>of();
        });
    }

    /**
     * The model's rows with the reason each is rejected (null for rows to store). Only rejected rows
     * keep the raw record: building it (e.g. JSON of a Parquet row) for every row would cost more than the model.
     */
    private static Dataset<Row> judged(Model m, Dataset<Row> out) {
        Dataset<Row> judged = out.withColumn(REASON, rejectReason(m, out.columns()));
        return Arrays.asList(out.columns()).contains(RawReader.RAW_RECORD)
                ? judged.withColumn(RawReader.RAW_RECORD, when(col(REASON).isNotNull(), RawReader.recordText(out))) : judged;
    }

    private ModelRun finished(Model m, Progress.Step step, List<DqResult> results, ModelInput input, List<String> batchIds,
                              long rowsOut, long quarantined, String scopeNote) {
        List<String> failedTests = results.stream().filter(DqResult::failed).map(r -> r.test() + ": " + r.message()).toList();
        report(m, step, results, "in " + Progress.formatCount(input.rowsIn) + ", out " + Progress.formatCount(rowsOut)
                + ", quarantined " + Progress.formatCount(quarantined) + ", batches " + batchIds.size() + scopeNote, rowsOut);
        return new ModelRun(m.table(), failedTests.isEmpty() ? "done" : "failed", batchIds, input.rowsIn, rowsOut, quarantined,
                step.elapsedNanos(), failedTests);
    }

    /**
     * The raw records of a model's pending batches, as one temp view per source; unparseable ones set aside.
     * The records are not cached: the model's own query reads them once, counting them on the way.
     */
    private ModelInput readPending(Model m, Map<SourceRef, List<RawBatch>> pending, String runId) {
        ModelInput input = new ModelInput();
        for (Map.Entry<SourceRef, List<RawBatch>> e : pending.entrySet()) {
            SourceRef ref = e.getKey();
            RawRead read = reader.read(sources.entity(ref.source(), ref.entity()), e.getValue());
            Dataset<Row> rows = tombstones.apply(ref.source(), ref.entity(), read.rows(), RawReader.BATCH_ID);
            String view = "src_" + m.name() + "__" + ref.qualifiedName();
            UnparseableRecords unparseable = new UnparseableRecords();
            Dataset<Row> counted = rows.observe(view, count(lit(1)).as("records"), count(col(RawReader.PARSE_ERROR)).as("unparseable"));
            unparseable.parseable(spark, counted, "unparseable records of " + view).drop(RawReader.PARSE_ERROR).createOrReplaceTempView(view);
            input.views.put(ref, view);
            input.sources.put(view, rows);
            input.unparseableByView.put(view, unparseable);
            input.newFields += newSourceFields(m, rows.columns());
            String batches = e.getValue().stream().map(RawBatch::id).collect(Collectors.joining(","));
            read.missingFields().forEach(f -> input.drift.add(driftResult(runId, m, "schema_drift(" + f + " missing)",
                    "source field " + f + " is absent from batches " + batches + "; its column is kept and is null for their rows")));
        }
        return input;
    }

    private void report(Model m, Progress.Step step, List<DqResult> results, String summary, long rowsOut) {
        results.stream().filter(r -> !"pass".equals(r.status())).forEach(r -> progress.info(m.table() + " " + r.status()
                + " " + r.test() + (r.failingRows() > 0 ? " (" + r.failingRows() + " rows)" : "") + " " + r.message()));
        long failed = results.stream().filter(DqResult::failed).count();
        if (failed == 0) {
            step.add(rowsOut);
            step.done(summary);
        } else {
            step.failed(summary + "; " + failed + " test(s) failed");
        }
    }

    /** What a model reads in one run. */
    private static final class ModelInput {
        final Map<SourceRef, String> views = new LinkedHashMap<>();
        /** The raw records behind each view, by view name (also the name of the view's observed counts). */
        final Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
        /** The unparseable records of each view's source that the model's query kept as it read past them. */
        final Map<String, UnparseableRecords> unparseableByView = new LinkedHashMap<>();
        /** How many records of each view's source could not be parsed, as counted while the model read them. */
        final Map<String, Long> unparseableCounts = new LinkedHashMap<>();
        final List<DqResult> drift = new ArrayList<>();
        long rowsIn;
        String newFields = "";

        /** Takes the record counts observed while {@code query} ran; a source it did not read is counted on its own. */
        void countFrom(QueryExecution query) {
            for (Map.Entry<String, Dataset<Row>> e : sources.entrySet()) {
                Option<Row> observed = query.observedMetrics().get(e.getKey());
                Row counts = observed.isDefined() ? observed.get()
                        : e.getValue().agg(count(lit(1)), count(col(RawReader.PARSE_ERROR))).first();
                rowsIn += counts.getLong(0);
                unparseableCounts.put(e.getKey(), counts.getLong(1));
            }
        }

        long unparseable() {
            return unparseableCounts.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * The unparseable records of the sources that have some, as (batch, file, line, record, reason): those the model's
         * query kept, or, when it could not keep them all, read again from the raw files (a second pass over the source).
         */
        List<Dataset<Row>> parseRejects(SparkSession spark) {
            List<Dataset<Row>> out = new ArrayList<>();
            unparseableCounts.forEach((view, n) -> {
                if (n > 0) {
                    out.add(unparseableByView.get(view).all(n).map(kept -> DriverRows.frame(spark, kept, UnparseableRecords.SCHEMA))
                            .orElseGet(() -> UnparseableRecords.readAgain(sources.get(view))));
                }
            });
            return out;
        }

        Map<String, SourceRef> sourceViews() {
            Map<String, SourceRef> out = new LinkedHashMap<>();
            views.forEach((ref, view) -> out.put(view, ref));
            return out;
        }
    }

    private static long rawBytes(Map<SourceRef, List<RawBatch>> pending) {
        return pending.values().stream().flatMap(List::stream).mapToLong(b -> b.manifest().bytes()).sum();
    }

    private Map<SourceRef, List<RawBatch>> pendingBatches(Model m, RunOptions options, Set<String> done) {
        Predicate<RawBatch> wanted;
        if (options.replayQuarantine()) {
            Set<String> open = quarantine.openBatches(m.table());
            wanted = b -> open.contains(b.id());
        } else if (options.reprocess()) {
            wanted = b -> true;
        } else {
            wanted = b -> !done.contains(b.id());
        }
        Map<SourceRef, List<RawBatch>> out = new LinkedHashMap<>();
        for (SourceRef ref : m.sql().sources()) {
            out.put(ref, zone.batches(ref.source(), ref.entity()).stream().filter(wanted).toList());
        }
        return out;
    }

    /** The model's reason if it gave one, else "business key is null" when it is. */
    private static Column rejectReason(Model m, String[] columns) {
        Column given = Arrays.asList(columns).contains(REJECT_REASON)
                ? when(col(REJECT_REASON).notEqual(""), col(REJECT_REASON)) : lit(null).cast("string");
        Column keyNull = lit(false);
        for (String k : m.spec().uniqueKey()) {
            keyNull = keyNull.or(col(k).isNull());
        }
        return coalesce(given, when(keyNull, lit("business key (" + String.join(", ", m.spec().uniqueKey()) + ") is null")));
    }

    private void quarantineRejects(Model m, String runId, List<Dataset<Row>> parseRejects, Dataset<Row> rejected) {
        List<String> cols = List.of(RawReader.BATCH_ID, RawReader.SOURCE_FILE, RawReader.RAW_LINE, RawReader.RAW_RECORD, REASON);
        Column[] select = cols.stream().map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> all = withLineage(rejected).select(select);
        for (Dataset<Row> p : parseRejects) {
            all = all.union(p.select(select));
        }
        quarantine.append(all, m.table(), runId);
    }

    /** Rows of a model built from other models carry no raw lineage: their quarantine location is empty. */
    private static Dataset<Row> withLineage(Dataset<Row> rows) {
        List<String> present = Arrays.asList(rows.columns());
        Dataset<Row> out = rows;
        for (String c : List.of(RawReader.BATCH_ID, RawReader.SOURCE_FILE, RawReader.RAW_RECORD)) {
            if (!present.contains(c)) {
                out = out.withColumn(c, lit(null).cast("string"));
            }
        }
        return present.contains(RawReader.RAW_LINE) ? out : out.withColumn(RawReader.RAW_LINE, lit(null).cast("long"));
    }

    /** {@code , `f1`, `f2`}: source columns the model does not declare in source_fields (none if it declares none). */
    private static String newSourceFields(Model m, String[] sourceColumns) {
        List<String> known = m.spec().sourceFields();
        if (known.isEmpty()) {
            return "";
        }
        return Arrays.stream(sourceColumns)
                .filter(c -> !known.contains(c) && !RawReader.LINEAGE.contains(c))
                .map(c -> ", `" + c + "`").collect(Collectors.joining());
    }

    private static String refTable(ModelProject project, String name) {
        if (name.contains(".")) {
            return name;
        }
        return project.models().stream().filter(x -> x.name().equals(name)).findFirst()
                .map(Model::table).orElse(project.zone() + "." + name);
    }

    private static DqResult driftResult(String runId, Model m, String test, String message) {
        return new DqResult(runId, m.table(), test, "warn", "warn", 0, "", message);
    }
}
