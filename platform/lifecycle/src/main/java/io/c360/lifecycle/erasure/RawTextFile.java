package io.c360.lifecycle.erasure;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A raw text file (delimited, fixed-width, JSON lines; gzip when its name ends in {@code .gz}) on
 * the raw zone's Hadoop file system, streamed line by line as bytes: lines that stay are written
 * back byte for byte, line endings included.
 */
final class RawTextFile {

    private static final int BUFFER = 1 << 16;

    private final FileSystem fs;
    private final Path path;

    RawTextFile(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    /** The person's lines in the file; 0 for a file that cannot be read as text (a binary file set aside by ingestion). */
    long count(PersonLines person) {
        long[] n = {0};
        try (InputStream in = open()) {
            lines(in, (bytes, from, to) -> {
                if (person.isPersons(bytes, from, to)) {
                    n[0]++;
                }
            });
        } catch (IOException unreadable) {
            return 0;
        }
        return n[0];
    }

    /** Removes the person's lines and returns how many went; a file without any is read once and left as it is. */
    long remove(Supplier<PersonLines> person) {
        long n = count(person.get());
        if (n > 0) {
            rewriteWithout(person.get());
        }
        return n;
    }

    /**
     * Writes the file again without the person's lines: to a hidden file beside it, then renamed over
     * it, so a reader sees the old or the new file, never half of one.
     */
    private void rewriteWithout(PersonLines person) {
        Path tmp = new Path(path.getParent(), "." + path.getName() + ".erasing");
        try {
            try (InputStream in = open(); OutputStream out = create(tmp)) {
                lines(in, (bytes, from, to) -> {
                    if (!person.isPersons(bytes, from, to)) {
                        out.write(bytes, from, to - from);
                    }
                });
            }
            if (!fs.rename(tmp, path)) {
                throw new IOException("the file system refused to rename " + tmp + " to " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite raw file " + path + ": " + e.getMessage(), e);
        }
    }

    private InputStream open() throws IOException {
        InputStream in = new BufferedInputStream(fs.open(path), BUFFER);
        return gzip() ? new GZIPInputStream(in, BUFFER) : in;
    }

    private OutputStream create(Path file) throws IOException {
        FSDataOutputStream raw = fs.create(file, true);
        return gzip() ? new GZIPOutputStream(new BufferedOutputStream(raw, BUFFER), BUFFER) : new BufferedOutputStream(raw, BUFFER);
    }

    private boolean gzip() {
        return path.getName().endsWith(".gz");
    }

    private interface LineConsumer {
        /** One line: bytes {@code from} (inclusive) to {@code to} (exclusive), its '\n' included when it has one. */
        void line(byte[] bytes, int from, int to) throws IOException;
    }

    private static void lines(InputStream in, LineConsumer each) throws IOException {
        byte[] buffer = new byte[BUFFER];
        byte[] partial = new byte[BUFFER];
        int partialLength = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                if (partialLength == 0) {
                    each.line(buffer, start, i + 1);
                } else {
                    partial = append(partial, partialLength, buffer, start, i + 1);
                    each.line(partial, 0, partialLength + i + 1 - start);
                    partialLength = 0;
                }
                start = i + 1;
            }
            partial = append(partial, partialLength, buffer, start, n);
            partialLength += n - start;
        }
        if (partialLength > 0) {
            each.line(partial, 0, partialLength);
        }
    }

    /** {@code target}'s first {@code length} bytes followed by {@code source[from, to)}, growing it when needed. */
    private static byte[] append(byte[] target, int length, byte[] source, int from, int to) {
        byte[] out = length + to - from <= target.length ? target : Arrays.copyOf(target, Math.max(target.length * 2, length + to - from));
        System.arraycopy(source, from, out, length, to - from);
        return out;
    }
}
