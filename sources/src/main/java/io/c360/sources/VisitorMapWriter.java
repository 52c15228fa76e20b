package io.c360.sources;

import java.nio.file.Path;

/**
 * The web visitor map {@code ga_visitors00<stamp>.csv}: headerless {@code fullVisitorId,client_id},
 * many-to-many; the visitor id is written exactly as the sessions carry it (leading zeros kept, like
 * the workshop's file; some ids exceed a signed 64-bit integer).
 */
final class VisitorMapWriter implements AutoCloseable {

    private final LandingFile file;

    VisitorMapWriter(Path landing, String stamp) {
        this.file = new LandingFile(landing.resolve("web"), "ga_visitors00" + stamp + ".csv");
    }

    void visitor(String fullVisitorId, long clientId) {
        file.line(fullVisitorId + "," + clientId);
    }

    long rows() {
        return file.lines();
    }

    @Override
    public void close() {
        file.close();
    }
}
