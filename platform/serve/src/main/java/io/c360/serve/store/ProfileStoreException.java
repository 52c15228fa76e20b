package io.c360.serve.store;

/** The profile store could not be read or written; the message says what and why. */
public final class ProfileStoreException extends RuntimeException {

    public ProfileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
