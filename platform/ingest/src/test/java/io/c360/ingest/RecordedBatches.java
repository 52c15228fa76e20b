package io.c360.ingest;

import java.util.ArrayList;
import java.util.List;

/** Collects the batch records of connector tests that do not involve the Iceberg ops table. */
final class RecordedBatches implements BatchLog {

    final List<BatchRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(BatchRecord record) {
        records.add(record);
    }

    @Override
    public synchronized void recordIfMissing(BatchRecord record) {
        if (records.stream().noneMatch(r -> r.batchId().equals(record.batchId()))) {
            records.add(record);
        }
    }
}
