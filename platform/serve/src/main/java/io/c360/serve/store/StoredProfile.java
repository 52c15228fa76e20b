package io.c360.serve.store;

import java.time.Instant;
import java.util.List;

/** A profile read back from the store, with the version it was read at (the HTTP ETag). */
public record StoredProfile(String customerId, String name, String docJson, List<LookupKey> keys,
                            List<String> branchIds, long version, String runId, Instant publishedAt) {
}
