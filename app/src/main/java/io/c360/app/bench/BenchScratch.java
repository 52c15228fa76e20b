package io.c360.app.bench;

import io.c360.runtime.C360Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The throw-away folder of a bench and the workspace inside it, so a bench never touches the user's lake. */
public final class BenchScratch {

    private BenchScratch() {
    }

    /** The folder given with --scratch (created if needed), or a new temporary one. */
    public static Path folder(Path scratch, String name) {
        try {
            return scratch != null ? Files.createDirectories(scratch) : Files.createTempDirectory("c360-bench-" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the bench folder: " + e.getMessage(), e);
        }
    }

    /**
     * The configuration with its workspace, warehouse and raw zone moved under {@code dir/workspace}, and the
     * catalog and stores on that workspace's own embedded PostgreSQL (as a default installation has them).
     */
    public static C360Config workspace(C360Config config, Path dir) {
        Path ws = dir.resolve("workspace");
        return config.with("workspace", ws.toString(), "bench")
                .with("catalog.uri", "", "bench")
                .with("postgres.url", "", "bench")
                .with("warehouse", ws.resolve("warehouse").toString(), "bench")
                .with("raw-zone", ws.resolve("raw").toString(), "bench");
    }
}
