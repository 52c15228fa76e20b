package io.c360.lake;

import org.apache.spark.sql.Dataset;

/** Rows cached for the length of one step of a run or one command. */
public final class CachedRows {

    private CachedRows() {
    }

    /**
     * Drops the rows' cache, and that of any cached query built on them, without re-planning the session's other cached
     * queries as {@link Dataset#unpersist()} does: it asks each of them whether its data is loaded (a block-manager
     * lookup per partition, under that cache's lock), and so waited 1–2 s for another model's cache being built (JFR of
     * an incremental analytics run), on the way to the next model.
     */
    public static void release(Dataset<?> rows) {
        rows.sparkSession().sharedState().cacheManager().uncacheQuery(rows, true);
    }
}
