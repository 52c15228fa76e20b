package io.c360.serve.store;

import java.util.Iterator;
import java.util.List;

/**
 * The difference between a source's profiles and the store's: the profiles that are new or whose
 * content hash changed, and the stored customers the source no longer has.
 */
public interface ProfileChanges extends AutoCloseable {

    /**
     * A changed profile as stored: the document as JSON text, the hash of everything stored for
     * the customer, and all its lookup keys and branches.
     */
    record Document(String customerId, String name, String json, String hash, List<LookupKey> keys, List<String> branchIds) {
    }

    /** How many documents {@link #documents()} yields. */
    long changed();

    /** Stored customers that are no longer published. */
    List<String> removed();

    /** The changed profiles; read once. */
    Iterator<Document> documents();

    /** Releases what the source held for the changes (a cached Spark dataset, say). */
    @Override
    void close();
}
