package io.c360.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder with everything below it, as retention and erasure remove it. */
public record FolderTree(Path root) {

    /** Deletes the folder and its content (nothing if it does not exist); returns the bytes freed. */
    public long delete() {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            long bytes = 0;
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    bytes += Files.size(p);
                }
                Files.delete(p);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
