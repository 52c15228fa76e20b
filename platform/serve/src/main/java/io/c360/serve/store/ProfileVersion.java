package io.c360.serve.store;

import java.time.Instant;

/** A published version of the profile store: which pipeline run it serves and what changed. */
public record ProfileVersion(long version, String runId, Instant publishedAt, long customers,
                             long inserted, long updated, long deleted, boolean current) {

    /** Profiles written by this publish (new or changed); unchanged ones keep their rows. */
    public long rewritten() {
        return inserted + updated;
    }
}
