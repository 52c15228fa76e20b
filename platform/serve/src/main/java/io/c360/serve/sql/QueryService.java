package io.c360.serve.sql;

import io.c360.governance.catalog.TableDocs;
import io.c360.lake.model.PiiKind;
import io.c360.runtime.C360Config;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.Role;
import io.c360.serve.pii.PiiMasker;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs SQL API queries on the lake's Spark session in a small pool of its own (so queries never
 * take threads from the profile API). Each query is a Spark job group: a timeout or a DELETE
 * cancels its jobs. Results are capped at a row limit, masked for analysts, and kept in memory
 * for paging until {@link #RETAINED} newer queries have finished.
 */
public final class QueryService implements AutoCloseable {

    static final int RETAINED = 200;
    private static final long RECANCEL_MILLIS = 500;

    /** Per-query limits and the pool size, from {@code server.sql.*} settings. */
    public record Limits(int threads, int maxRows, Duration timeout) {
        public static Limits from(C360Config config) {
            return new Limits(config.find("server.sql.threads").map(Integer::parseInt).orElse(2),
                    config.find("server.sql.max-rows").map(Integer::parseInt).orElse(10_000),
                    Duration.ofSeconds(config.find("server.sql.timeout-seconds").map(Integer::parseInt).orElse(120)));
        }
    }

    private final SparkSession spark;
    private final ReadOnlyGuard guard;
    private final TableDocs docs;
    private final Limits limits;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("c360-sql-timer"));
    private final Map<String, Query> queries = new LinkedHashMap<>();

    public QueryService(SparkSession spark, TableDocs docs, Limits limits) {
        this.spark = spark;
        this.guard = new ReadOnlyGuard(spark);
        this.docs = docs;
        this.limits = limits;
        this.pool = Executors.newFixedThreadPool(limits.threads(), daemon("c360-sql"));
    }

    /** Checks the statement (throws {@link SqlRejectedException}) and queues it. */
    public Query submit(String sql, ApiKey owner) {
        guard.check(sql);
        Query q = new Query(UUID.randomUUID().toString(), sql, owner);
        synchronized (queries) {
            queries.put(q.id(), q);
            forgetOldest();
        }
        q.execution(pool.submit(() -> run(q)));
        return q;
    }

    /** The query if it exists and the caller may see it (its owner, or an admin). */
    public Optional<Query> find(String id, ApiKey caller) {
        Query q;
        synchronized (queries) {
            q = queries.get(id);
        }
        if (q == null || !(q.owner().id().equals(caller.id()) || caller.role() == Role.ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(q);
    }

    /** Cancels a queued or running query; false when it had already finished. */
    public boolean cancel(Query q) {
        return stop(q, "cancelled by " + q.owner().name());
    }

    /**
     * Cancelling a job group only reaches jobs already submitted, and a query may still be
     * planning; so the group is cancelled again every {@link #RECANCEL_MILLIS} ms until the query ends.
     */
    private boolean stop(Query q, String reason) {
        boolean stopping = q.stop(reason);
        if (stopping) {
            q.dequeue();
            cancelUntilFinished(q);
        }
        return stopping;
    }

    private void cancelUntilFinished(Query q) {
        if (q.status().finished() || timers.isShutdown() || spark.sparkContext().isStopped()) {
            return;
        }
        spark.sparkContext().cancelJobGroup(q.id());
        timers.schedule(() -> cancelUntilFinished(q), RECANCEL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void run(Query q) {
        if (!q.start()) {
            return;
        }
        ScheduledFuture<?> timer = timers.schedule(() -> stop(q, "timed out after " + limits.timeout().toSeconds()
                + " s (server.sql.timeout-seconds)"), limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        SparkContext sc = spark.sparkContext();
        sc.setJobGroup(q.id(), "c360 SQL API query of " + q.owner().name(), true);
        try {
            Dataset<Row> df = spark.sql(q.sql());
            List<Optional<PiiKind>> masks = masks(df, q.owner().role());
            List<Row> rows = df.limit(limits.maxRows() + 1).collectAsList();
            boolean truncated = rows.size() > limits.maxRows();
            q.succeed(columns(df, masks), values(truncated ? rows.subList(0, limits.maxRows()) : rows, masks), truncated);
        } catch (Exception e) {
            q.fail(firstLine(e));
        } finally {
            timer.cancel(false);
            sc.clearJobGroup();
        }
    }

    /** Per output column, the kind of personal data to mask for this role (empty: shown as is). */
    private List<Optional<PiiKind>> masks(Dataset<Row> df, Role role) {
        int n = df.schema().fields().length;
        if (!role.seesMaskedPii()) {
            return Collections.nCopies(n, Optional.empty());
        }
        return new PiiLineage(docs).outputColumns(df.queryExecution().analyzed()).stream()
                .map(PiiLineage.OutputColumn::pii).toList();
    }

    private static List<ResultColumn> columns(Dataset<Row> df, List<Optional<PiiKind>> masks) {
        StructField[] fields = df.schema().fields();
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            out.add(new ResultColumn(fields[i].name(), fields[i].dataType().simpleString(), masks.get(i).isPresent()));
        }
        return out;
    }

    private static List<Object[]> values(List<Row> rows, List<Optional<PiiKind>> masks) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object[] v = new Object[masks.size()];
            for (int i = 0; i < v.length; i++) {
                Object value = ResultValues.toJson(r.get(i));
                Optional<PiiKind> mask = masks.get(i);
                v[i] = mask.isPresent() && value != null ? PiiMasker.mask(mask.get(), String.valueOf(value)) : value;
            }
            out.add(v);
        }
        return out;
    }

    private void forgetOldest() {
        Iterator<Query> it = queries.values().iterator();
        while (queries.size() > RETAINED && it.hasNext()) {
            if (it.next().status().finished()) {
                it.remove();
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        synchronized (queries) {
            queries.values().forEach(q -> stop(q, "cancelled: server stopping"));
        }
        pool.shutdownNow();
        timers.shutdownNow();
    }
}
