package io.c360.serve.sql;

import io.c360.serve.auth.ApiKey;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;

/** One submitted SQL query and, once finished, its result (already masked for its submitter). */
public final class Query {

    private final String id;
    private final String sql;
    private final ApiKey owner;
    private final Instant submittedAt = Instant.now();
    private volatile QueryStatus status = QueryStatus.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile List<ResultColumn> columns = List.of();
    private volatile List<Object[]> rows = List.of();
    private volatile boolean truncated;
    private volatile Future<?> execution;
    private volatile String stopReason;

    Query(String id, String sql, ApiKey owner) {
        this.id = id;
        this.sql = sql;
        this.owner = owner;
    }

    public String id() {
        return id;
    }

    public String sql() {
        return sql;
    }

    public ApiKey owner() {
        return owner;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public QueryStatus status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String error() {
        return error;
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    public boolean truncated() {
        return truncated;
    }

    synchronized boolean start() {
        if (status != QueryStatus.QUEUED) {
            return false;
        }
        status = QueryStatus.RUNNING;
        startedAt = Instant.now();
        return true;
    }

    synchronized void succeed(List<ResultColumn> columns, List<Object[]> rows, boolean truncated) {
        if (status.finished()) {
            return;
        }
        if (stopReason != null) {
            fail(stopReason);
            return;
        }
        this.columns = columns;
        this.rows = rows;
        this.truncated = truncated;
        finish(QueryStatus.SUCCEEDED);
    }

    synchronized void fail(String message) {
        if (status.finished()) {
            return;
        }
        error = stopReason != null ? stopReason : message;
        finish(stopReason != null && stopReason.startsWith("cancelled") ? QueryStatus.CANCELLED : QueryStatus.FAILED);
    }

    /** Marks why the query is being stopped; its failure (job group cancelled) then reports this reason. */
    synchronized boolean stop(String reason) {
        if (status.finished()) {
            return false;
        }
        stopReason = reason;
        if (status == QueryStatus.QUEUED) {
            error = reason;
            finish(reason.startsWith("cancelled") ? QueryStatus.CANCELLED : QueryStatus.FAILED);
        }
        return true;
    }

    private void finish(QueryStatus s) {
        status = s;
        finishedAt = Instant.now();
    }

    void execution(Future<?> f) {
        execution = f;
    }

    /** Stops a query still waiting in the queue from ever starting. */
    void dequeue() {
        Future<?> f = execution;
        if (f != null && status == QueryStatus.CANCELLED) {
            f.cancel(false);
        }
    }
}
