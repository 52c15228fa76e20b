package io.c360.governance.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A catalog entry: the table's documentation, its state in the lake and its latest data-quality results. */
public record CatalogEntry(CatalogTable table, Status status, List<QualityResult> quality) {

    /**
     * @param freshness fresh, stale (last update older than {@code maxAgeHours}) or never updated
     */
    public record Status(Optional<Long> rowCount, Optional<Instant> lastUpdated, String freshness, double maxAgeHours) {
    }

    /** One test of the model's latest run in {@code ops.dq_results}. */
    public record QualityResult(String test, String severity, String status, long failingRows, String message) {
    }
}
