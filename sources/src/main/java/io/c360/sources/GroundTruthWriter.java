package io.c360.sources;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code truth/records.csv}: every generated person record key mapped to the true person id
 * ({@code source,entity,record_key,person_id}). Outside the lake; only evaluation reads it.
 */
final class GroundTruthWriter implements AutoCloseable {

    static final String HEADER = "source,entity,record_key,person_id";

    private final BufferedWriter out;
    private long rows;

    private GroundTruthWriter(BufferedWriter out) {
        this.out = out;
    }

    static Path file(Path workspace) {
        return workspace.resolve("truth").resolve("records.csv");
    }

    /** A new truth file (a fresh history). */
    static GroundTruthWriter create(Path workspace) {
        return open(workspace, false);
    }

    /** Appends to the existing truth file (continuous mode). */
    static GroundTruthWriter append(Path workspace) {
        return open(workspace, true);
    }

    private static GroundTruthWriter open(Path workspace, boolean append) {
        Path file = file(workspace);
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !append || !Files.exists(file);
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (fresh) {
                w.write(HEADER);
                w.write('\n');
            }
            return new GroundTruthWriter(w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth " + file, e);
        }
    }

    void record(String source, String entity, String key, long personId) {
        try {
            out.write(source);
            out.write(',');
            out.write(entity);
            out.write(',');
            out.write(key);
            out.write(',');
            out.write(Long.toString(personId));
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth", e);
        }
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete the ground truth", e);
        }
    }
}
