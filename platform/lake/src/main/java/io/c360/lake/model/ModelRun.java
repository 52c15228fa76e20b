package io.c360.lake.model;

import java.util.List;

/**
 * What one model did in a run.
 *
 * @param status done, up to date, failed (an error-severity test failed) or skipped (an upstream model failed)
 */
public record ModelRun(String table, String status, List<String> batches, long rowsIn, long rowsOut,
                       long quarantined, long nanos, List<String> failedTests) {

    static ModelRun idle(String table, String status) {
        return new ModelRun(table, status, List.of(), 0, 0, 0, 0, List.of());
    }

    public boolean failed() {
        return "failed".equals(status);
    }
}
