package io.c360.lifecycle.maintenance;

import io.c360.runtime.C360Config;

/**
 * How long each zone keeps data, in days (0 = for ever): {@code retention.raw-days} (raw batches,
 * by ingest date), {@code retention.quarantine-days} (quarantined files and {@code stage.quarantine}
 * rows), {@code retention.snapshot-days} (Iceberg snapshots, i.e. how far back time travel reaches).
 */
public record RetentionPolicy(int rawDays, int quarantineDays, int snapshotDays) {

    public static RetentionPolicy from(C360Config config) {
        return new RetentionPolicy(config.getInt("retention.raw-days"), config.getInt("retention.quarantine-days"),
                config.getInt("retention.snapshot-days"));
    }
}
