package io.c360.sources;

import java.nio.file.Path;

/**
 * The web visitor map {@code ga_visitors00<stamp>.csv}: headerless {@code fullVisitorId,client_id},
 * many-to-many. Like the workshop's file, the visitor id went through a number on the way, so
 * leading zeros are lost (the sessions keep them).
 */
final class VisitorMapWriter implements AutoCloseable {

    private final LandingFile file;

    VisitorMapWriter(Path landing, String stamp) {
        this.file = new LandingFile(landing.resolve("web"), "ga_visitors00" + stamp + ".csv");
    }

    static String mapKey(String fullVisitorId) {
        int i = 0;
        while (i < fullVisitorId.length() - 1 && fullVisitorId.charAt(i) == '0') {
            i++;
        }
        return fullVisitorId.substring(i);
    }

    void visitor(String fullVisitorId, long clientId) {
        file.line(mapKey(fullVisitorId) + "," + clientId);
    }

    long rows() {
        return file.lines();
    }

    @Override
    public void close() {
        file.close();
    }
}
