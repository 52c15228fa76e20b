package io.c360.lake;

import io.c360.runtime.C360Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code s3.*} settings as Hadoop's s3a settings, so that {@code s3a://} locations (warehouse,
 * raw zone) work the same for the driver, the executors and Iceberg. Any other s3a setting can be
 * passed as {@code spark.conf.spark.hadoop.fs.s3a.<name>}.
 */
public final class ObjectStorage {

    private ObjectStorage() {
    }

    /** Hadoop configuration keys and values (without the {@code spark.hadoop.} prefix). */
    public static Map<String, String> hadoopSettings(C360Config config) {
        Map<String, String> out = new LinkedHashMap<>();
        // no deleting of parent "directory" marker objects after every write: one request instead of several
        // per file; every reader of the lake (Hadoop 3.3+, Iceberg, Trino) works with markers kept
        out.put("fs.s3a.directory.marker.retention", "keep");
        config.find("s3.endpoint").ifPresent(endpoint -> {
            out.put("fs.s3a.endpoint", endpoint);
            out.put("fs.s3a.connection.ssl.enabled", String.valueOf(!endpoint.startsWith("http://")));
        });
        config.find("s3.region").ifPresent(region -> out.put("fs.s3a.endpoint.region", region));
        out.put("fs.s3a.path.style.access", String.valueOf(config.getBoolean("s3.path-style-access")));
        config.find("s3.access-key").ifPresent(key -> {
            out.put("fs.s3a.access.key", key);
            out.put("fs.s3a.secret.key", config.get("s3.secret-key"));
            out.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        });
        return out;
    }
}
