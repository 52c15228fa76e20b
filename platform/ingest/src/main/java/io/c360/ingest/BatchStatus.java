package io.c360.ingest;

/** Outcome of one ingest batch as recorded in {@code ops.ingest_batches}. */
public enum BatchStatus {
    /** Files are in raw with their manifest. */
    LANDED,
    /** The source could not be read (down, refused, bad answer); nothing was landed. */
    FAILED,
    /** A file was unreadable; it went to {@code quarantine/} with a reason file. */
    QUARANTINED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
