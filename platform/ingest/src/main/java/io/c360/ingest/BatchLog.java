package io.c360.ingest;

/** Where batch outcomes are recorded: {@code ops.ingest_batches} ({@link IngestLog}). */
public interface BatchLog {

    void record(BatchRecord record);

    /** Records a batch found landed after a crash, unless the crashed run recorded it already. */
    void recordIfMissing(BatchRecord record);
}
