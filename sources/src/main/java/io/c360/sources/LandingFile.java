package io.c360.sources;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A UTF-8 file being dropped into a landing folder: written as {@code <name>.tmp} and renamed to
 * its final name only when complete, so readers never see half a file.
 */
final class LandingFile implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private long lines;

    LandingFile(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            this.target = folder.resolve(name);
            this.temporary = folder.resolve(name + ".tmp");
            this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + folder, e);
        }
    }

    /** Writes one line followed by {@code terminator}. */
    void line(CharSequence text, String terminator) {
        raw(text.toString() + terminator);
        lines++;
    }

    void line(CharSequence text) {
        line(text, "\n");
    }

    /** One line given as UTF-8 bytes, followed by a newline. */
    void line(byte[] utf8, int length) {
        try {
            out.write(utf8, 0, length);
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
    }

    void raw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
    }

    long lines() {
        return lines;
    }

    /** Completes the file: flush, close, rename into place. */
    @Override
    public void close() {
        try {
            out.close();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete " + target, e);
        }
    }
}
