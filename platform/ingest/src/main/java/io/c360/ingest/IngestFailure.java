package io.c360.ingest;

/**
 * A source could not be read: the message names the source and where it was read from
 * (URL, database, file) and is shown to the user and stored in {@code ops.ingest_batches}.
 */
public class IngestFailure extends RuntimeException {
    public IngestFailure(String message) {
        super(message);
    }

    public IngestFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
