package io.c360.sources;

/**
 * The next free key of every system, continued by continuous mode. client_id starts at 5000 like
 * the workshop's CRM; the other keys at 1.
 */
final class IdSequences {

    static final long FIRST_CLIENT_ID = 5000;

    long person = 1;
    long client = FIRST_CLIENT_ID;
    long account = 1;
    long disposition = 1;
    long transaction = 1;
    long retailRow = 1;

    long nextTransaction() {
        return transaction++;
    }

    long nextRetailRow() {
        return retailRow++;
    }
}
