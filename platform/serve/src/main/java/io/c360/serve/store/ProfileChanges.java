package io.c360.serve.store;

import java.util.Iterator;
import java.util.List;

/**
 * The difference between a source's profiles and the store's: the profiles that are new or whose
 * content hash changed (each with all its lookup keys and branches), and the stored customers the
 * source no longer has. Each iterator is read once, in the order profiles, keys, branches.
 */
public interface ProfileChanges extends AutoCloseable {

    /** A changed profile as stored: the document as JSON text and the hash of everything stored for the customer. */
    record Document(String customerId, String name, String json, String hash) {
    }

    record Key(String customerId, LookupKey key) {
    }

    record Branch(String customerId, String branchId) {
    }

    /** How many documents {@link #documents()} yields. */
    long changed();

    /** Stored customers that are no longer published. */
    List<String> removed();

    Iterator<Document> documents();

    /** Every lookup key of the changed customers. */
    Iterator<Key> keys();

    /** Every branch of the changed customers. */
    Iterator<Branch> branches();

    /** Releases what the source held for the changes (a cached Spark dataset, say). */
    @Override
    void close();
}
