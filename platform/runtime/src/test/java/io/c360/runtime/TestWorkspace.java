package io.c360.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration a test's lake starts from: its own workspace, Spark on two local cores and four
 * shuffle partitions (test data is small; the default 200 partitions would be 200 tasks per shuffle).
 */
public final class TestWorkspace {

    private TestWorkspace() {
    }

    /** For tests that add settings of their own before {@code load()}. */
    public static ConfigLoader loader(Path workspace) {
        return ConfigLoader.withEnvironment(Map.of())
                .flag("workspace", workspace.toString())
                .flag("spark.master", "local[2]")
                .flag("spark.conf.spark.sql.shuffle.partitions", "4");
    }

    public static C360Config config(Path workspace) {
        return loader(workspace).load();
    }
}
