package io.c360.serve.sql;

/** A query the SQL API refuses to run (not a read, or reaching outside the lake); the message says why. */
public final class SqlRejectedException extends RuntimeException {

    public SqlRejectedException(String message) {
        super(message);
    }
}
