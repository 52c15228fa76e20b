package io.c360.lifecycle;

import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;

import java.nio.file.Path;
import java.util.Map;

/** The configuration of a lake for a test: its own workspace, Spark on two local cores, four shuffle partitions. */
public final class TestLake {

    private TestLake() {
    }

    public static C360Config config(Path workspace) {
        return ConfigLoader.withEnvironment(Map.of())
                .flag("workspace", workspace.toString())
                .flag("spark.master", "local[2]")
                .flag("spark.conf.spark.sql.shuffle.partitions", "4")
                .load();
    }
}
