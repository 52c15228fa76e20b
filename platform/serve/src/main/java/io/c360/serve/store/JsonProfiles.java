package io.c360.serve.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles built in this JVM, as a publish source: each is written as JSON and hashed here, and
 * only the changed ones are kept (in memory) until the store has written them.
 */
final class JsonProfiles implements ProfileSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Iterator<Profile> profiles;

    JsonProfiles(Iterator<Profile> profiles) {
        this.profiles = profiles;
    }

    @Override
    public ProfileChanges changesSince(Map<String, String> storedHashes) {
        MessageDigest sha256 = sha256();
        Set<String> seen = new HashSet<>();
        List<ProfileChanges.Document> documents = new ArrayList<>();
        while (profiles.hasNext()) {
            Profile p = profiles.next();
            if (!seen.add(p.customerId())) {
                throw new IllegalArgumentException("customer_id " + p.customerId() + " appears twice in the published profiles");
            }
            ProfileChanges.Document d = document(p, sha256);
            if (!d.hash().equals(storedHashes.get(p.customerId()))) {
                documents.add(d);
            }
        }
        List<String> removed = storedHashes.keySet().stream().filter(id -> !seen.contains(id)).toList();
        return new ProfileChanges() {
            @Override
            public long changed() {
                return documents.size();
            }

            @Override
            public List<String> removed() {
                return removed;
            }

            @Override
            public Iterator<Document> documents() {
                return documents.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The hash covers everything stored for the customer: name, document, keys and branches. */
    private static ProfileChanges.Document document(Profile p, MessageDigest sha256) {
        try {
            String doc = JSON.writeValueAsString(p.doc());
            ArrayNode keys = JSON.createArrayNode();
            p.keys().forEach(k -> keys.addArray().add(k.kind()).add(k.key()));
            ArrayNode branches = JSON.createArrayNode();
            p.branchIds().forEach(branches::add);
            sha256.reset();
            for (String part : new String[] {p.name() == null ? "" : p.name(), doc, JSON.writeValueAsString(keys),
                    JSON.writeValueAsString(branches)}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return new ProfileChanges.Document(p.customerId(), p.name(), doc, HexFormat.of().formatHex(sha256.digest(), 0, 16),
                    p.keys().stream().distinct().toList(), p.branchIds().stream().distinct().toList());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("profile " + p.customerId() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
