package io.c360.app.scale;

import io.c360.runtime.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3-compatible server on localhost: S3Proxy (from Maven Central, copied by the build to
 * target/it/s3proxy.jar) storing objects in a local folder, with one bucket and a key pair.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "c360-it";
    static final String SECRET_KEY = "c360-it-secret";

    private final int port = FreePort.find();
    private final Path store;
    private final ItProcess process;

    private S3Server(Path root, Path jar, String bucket) {
        try {
            store = Files.createDirectories(root.resolve("objects"));
            Files.createDirectories(store.resolve(bucket)); // a bucket of the filesystem backend is a folder
            Path conf = root.resolve("s3proxy.conf");
            Files.write(conf, List.of(
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + store));
            process = ItProcess.start("s3proxy", new ProcessBuilder(ItProcess.currentJava().toString(), "-Xmx256m",
                    "-jar", jar.toString(), "--properties", conf.toString()), root.resolve("logs"));
            process.awaitPort(port, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up S3Proxy under " + root + ": " + e.getMessage(), e);
        }
    }

    static S3Server start(Path root, Path jar, String bucket) {
        return new S3Server(root, jar, bucket);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The folder holding the bucket's objects (to check what landed where). */
    Path bucketFolder(String bucket) {
        return store.resolve(bucket);
    }

    @Override
    public void close() {
        process.close();
    }
}
