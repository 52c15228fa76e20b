package io.c360.ingest.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.c360.ingest.IngestFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Connector state files under {@code <workspace>/state/ingest/<source>/<entity>.json}, replaced
 * atomically (write a temp file, rename), and the per-source lock that keeps two c360 processes
 * from ingesting the same source at once.
 */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    public StateStore(Path workspace) {
        this.root = workspace.resolve("state").resolve("ingest");
    }

    public ConnectorState load(String source, String entity) {
        Path file = file(source, entity);
        if (!Files.exists(file)) {
            return ConnectorState.empty();
        }
        try {
            return JSON.readValue(file.toFile(), ConnectorState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable connector state " + file + " (delete it: it is rebuilt from the raw manifests): "
                    + e.getMessage(), e);
        }
    }

    public void save(String source, String entity, ConnectorState state) {
        Path file = file(source, entity);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write connector state " + file + ": " + e.getMessage(), e);
        }
    }

    /** Holds the source for this process until closed; fails when another process holds it. */
    public AutoCloseable lock(String source) {
        Path file = root.resolve(source + ".lock");
        try {
            Files.createDirectories(root);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new IngestFailure(source + ": another c360 process is ingesting this source (lock " + file + ")");
            }
            FileLock held = lock;
            return () -> {
                held.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private Path file(String source, String entity) {
        return root.resolve(source).resolve(entity + ".json");
    }
}
