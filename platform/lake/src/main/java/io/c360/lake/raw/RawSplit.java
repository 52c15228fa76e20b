package io.c360.lake.raw;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A byte range of a raw file, read by one Spark task, so that one large file keeps every core busy. A line
 * belongs to the split in which it starts (the rule of Hadoop's line reader): every split but the first skips
 * the line it starts in, and a split reads on past its end to finish its last line. Lines end at
 * {@code \n}, {@code \r\n} or {@code \r}. {@code linesBefore}: the number of lines of the file before the split's
 * first line, counted by {@link #lineCount()} over the splits before it.
 */
record RawSplit(RawFile file, long start, long end, long linesBefore) implements Serializable {

    /** The files in splits of {@code splitBytes}; a file no larger, or compressed, is one split. */
    static List<RawSplit> of(List<RawFile> files, long splitBytes) {
        List<RawSplit> out = new ArrayList<>();
        for (RawFile f : files) {
            if (!f.splittable() || f.bytes() <= splitBytes) {
                out.add(new RawSplit(f, 0, Long.MAX_VALUE, 0));
                continue;
            }
            for (long s = 0; s < f.bytes(); s += splitBytes) {
                // the last split reads to the end of the file, whatever its size
                out.add(new RawSplit(f, s, s + splitBytes >= f.bytes() ? Long.MAX_VALUE : s + splitBytes, 0));
            }
        }
        return out;
    }

    boolean wholeFile() {
        return start == 0 && end == Long.MAX_VALUE;
    }

    RawSplit numberedFrom(long lines) {
        return new RawSplit(file, start, end, lines);
    }

    /** How many lines (blank ones included) start in this split. */
    long lineCount() {
        Lines lines = new Lines();
        long n = 0;
        while (lines.advance()) {
            n++;
        }
        return n;
    }

    /**
     * Rows of (line, line number from 1, batch id, file name, ingested at) of the lines that are not
     * blank (empty or only spaces), streamed: BOM stripped, the file closed after the split's last line.
     * Blank lines are skipped here, where a line is looked at only up to its first other character:
     * a Spark filter on the trimmed length read every character of every line (7 % of a pipeline run's CPU).
     */
    Iterator<Row> numberedLines() {
        Lines lines = new Lines();
        return new Iterator<>() {
            private long n = linesBefore;
            private String next = nextLine();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row row = RowFactory.create(next, n, file.batchId(), file.name(), file.ingestedAt());
                next = nextLine();
                return row;
            }

            /** The next line that is not blank, BOM stripped, with {@code n} its number. */
            private String nextLine() {
                while (lines.advance()) {
                    String line = lines.text();
                    if (++n == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (!spacesOnly(line)) {
                        return line;
                    }
                }
                return null;
            }
        };
    }

    private static boolean spacesOnly(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The lines of the split in order; the file is closed after the last. */
    private final class Lines {
        private final LineReader reader;
        private final Text line = new Text();
        private long position = start;
        private boolean open = true;

        Lines() {
            reader = new LineReader(file.open(start), 1 << 16);
            if (start > 0) {
                position += read(); // the line the split starts in belongs to the split before
            }
        }

        boolean advance() {
            if (open && position <= end) {
                int consumed = read();
                if (consumed > 0) {
                    position += consumed;
                    return true;
                }
            }
            close();
            return false;
        }

        String text() {
            return new String(line.getBytes(), 0, line.getLength(), StandardCharsets.UTF_8);
        }

        private int read() {
            try {
                return reader.readLine(line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read raw file " + file.uri() + " of batch " + file.batchId(), e);
            }
        }

        private void close() {
            if (open) {
                open = false;
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close raw file " + file.uri(), e);
                }
            }
        }
    }
}
