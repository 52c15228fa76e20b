package io.c360.serve.auth;

import java.time.Instant;

/** A stored API key (never its secret): who it belongs to, its role, and whether it was revoked. */
public record ApiKey(String id, String name, Role role, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
