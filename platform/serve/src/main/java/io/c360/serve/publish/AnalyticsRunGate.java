package io.c360.serve.publish;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The quality gate before publishing: the latest analytics run (in {@code ops.dq_results}) must
 * have passed every error-severity test of every analytics model. A failed run blocks publishing,
 * so the profile store keeps serving the last good version.
 */
public final class AnalyticsRunGate {

    private final SparkSession spark;

    public AnalyticsRunGate(SparkSession spark) {
        this.spark = spark;
    }

    /** The id of the latest analytics run, if it passed; otherwise an exception saying why not. */
    public String passedRun() {
        if (!spark.catalog().tableExists("ops.dq_results")) {
            throw new IllegalStateException("no analytics run to publish: run `c360 transform analytics` first");
        }
        Row latest = spark.sql("SELECT max(run_id) FROM ops.dq_results WHERE model LIKE 'analytics.%'").first();
        if (latest.isNullAt(0)) {
            throw new IllegalStateException("no analytics run to publish: run `c360 transform analytics` first");
        }
        String runId = latest.getString(0);
        List<Row> failed = spark.sql("SELECT model, test, failing_rows FROM ops.dq_results WHERE run_id = '" + runId.replace("'", "")
                + "' AND model LIKE 'analytics.%' AND status = 'fail' ORDER BY model, test").collectAsList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("analytics run " + runId + " failed " + failed.size() + " quality test(s), not publishing ("
                    + failed.stream().map(r -> r.getString(0) + " " + r.getString(1) + ": " + r.getLong(2) + " rows")
                    .collect(Collectors.joining("; ")) + "); the profile store keeps serving its current version");
        }
        return runId;
    }
}
