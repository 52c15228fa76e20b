package io.c360.serve.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One customer as the profile store serves it: the document grouped by dimension
 * ({@code {"golden_record":{...},"loyalty":{...},...}}), the display name used by search, the keys
 * it can be looked up by and the branches whose customer lists it appears in.
 */
public record Profile(String customerId, String name, ObjectNode doc, List<LookupKey> keys, List<String> branchIds) {

    public Profile {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("profile without customer_id");
        }
        if (doc == null) {
            throw new IllegalArgumentException("profile " + customerId + " has no document");
        }
        keys = keys == null ? List.of() : List.copyOf(keys);
        branchIds = branchIds == null ? List.of() : List.copyOf(branchIds);
    }
}
