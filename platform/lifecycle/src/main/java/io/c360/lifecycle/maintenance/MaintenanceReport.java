package io.c360.lifecycle.maintenance;

/** What one maintenance pass removed and rewrote. */
public record MaintenanceReport(int rawBatchesDeleted, long rawBytesDeleted, int quarantineFoldersDeleted,
                                long quarantineRowsDeleted, int dataFilesCompacted, int snapshotsExpired, int orphanFilesRemoved) {
}
