package io.c360.serve.store;

import java.util.Map;

/**
 * What a publish reads its profiles from. The store asks once, under its publish lock, for the
 * changes against what it holds (customer_id → content hash of every stored profile), so a
 * source can compare hashes where its profiles are (in Spark, in parallel) and send only the
 * profiles that changed.
 */
public interface ProfileSource {

    ProfileChanges changesSince(Map<String, String> storedHashes);
}
