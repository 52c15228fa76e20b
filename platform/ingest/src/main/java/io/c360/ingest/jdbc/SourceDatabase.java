package io.c360.ingest.jdbc;

import io.c360.runtime.C360Config;

/** Where a jdbc source is read from. {@link #displayUrl()} is safe to print (passwords masked). */
public record SourceDatabase(String url, String user, String password) {

    public String displayUrl() {
        return C360Config.displayValue("url", url);
    }
}
