package io.c360.lake.raw;

import io.c360.runtime.raw.RawManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** One landed file of a raw batch, as Spark tasks read it (serializable, so it travels to executors). */
record RawFile(String uri, String batchId, String name, String ingestedAt, long bytes) implements Serializable {

    static List<RawFile> of(List<RawBatch> batches) {
        List<RawFile> out = new ArrayList<>();
        for (RawBatch b : batches) {
            for (RawManifest.RawFile f : b.manifest().files()) {
                Path path = new Path(b.dir(), f.name());
                out.add(new RawFile(path.toUri().toString(), b.id(), path.getName(), b.ingestedAt(), f.bytes()));
            }
        }
        return out;
    }

    Path path() {
        return new Path(URI.create(uri));
    }

    /** A gzip file can only be read from its start. */
    boolean splittable() {
        return !name.endsWith(".gz");
    }

    /**
     * Opens the file at {@code start} where the task runs, with the file-system settings of the Spark application
     * (s3a endpoint, credentials); gzip opened.
     */
    InputStream open(long start) {
        try {
            Configuration hadoop = SparkEnv.get() == null ? new Configuration()
                    : SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
            FSDataInputStream raw = path().getFileSystem(hadoop).open(path());
            if (start > 0) {
                raw.seek(start);
            }
            return splittable() ? raw : new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open raw file " + uri + " of batch " + batchId, e);
        }
    }
}
