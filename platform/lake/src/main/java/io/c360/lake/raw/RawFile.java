package io.c360.lake.raw;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/** One landed file of a raw batch, as Spark tasks read it (serializable, so it travels to executors). */
record RawFile(String uri, String batchId, String name, String ingestedAt) implements Serializable {

    static List<RawFile> of(List<RawBatch> batches) {
        List<RawFile> out = new ArrayList<>();
        for (RawBatch b : batches) {
            for (Path f : b.files()) {
                out.add(new RawFile(f.toUri().toString(), b.id(), f.getName(), b.ingestedAt()));
            }
        }
        return out;
    }

    Path path() {
        return new Path(URI.create(uri));
    }

    /**
     * Rows of (line, line number from 1, batch id, file name, ingested at) of the lines that are not
     * blank (empty or only spaces), streamed: BOM stripped, gzip opened, the file closed after its last line.
     * Blank lines are skipped here, where a line is looked at only up to its first other character:
     * a Spark filter on the trimmed length read every character of every line (7 % of a pipeline run's CPU).
     */
    Iterator<Row> numberedLines() {
        BufferedReader reader = open();
        return new Iterator<>() {
            private long n;
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
                Row row = RowFactory.create(next, n, batchId, name, ingestedAt);
                next = nextLine();
                return row;
            }

            /** The next line that is not blank, BOM stripped, with {@code n} its number. */
            private String nextLine() {
                String line;
                do {
                    line = readLine();
                    if (line != null && ++n == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                } while (line != null && spacesOnly(line));
                return line;
            }

            private String readLine() {
                try {
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read raw file " + uri + " of batch " + batchId, e);
                }
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

    /** Opens the file where the task runs, with the file-system settings of the Spark application (s3a endpoint, credentials). */
    private BufferedReader open() {
        try {
            Configuration hadoop = SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
            InputStream raw = path().getFileSystem(hadoop).open(path());
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open raw file " + uri + " of batch " + batchId, e);
        }
    }
}
