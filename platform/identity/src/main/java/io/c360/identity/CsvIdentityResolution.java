package io.c360.identity;

import io.c360.runtime.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic mode: the same matcher on CSV files of person records (with a header), described by
 * a mapping file. One source dedupes one file; several sources also link the files together.
 * Writes {@code source,entity,record_key,cluster_id}.
 */
public final class CsvIdentityResolution {

    private CsvIdentityResolution() {
    }

    /**
     * @param inputs source name → CSV file; a single unnamed input (key "") goes to the only source
     */
    public static IdentityResolver.Resolution resolve(SparkSession spark, IdentityMapping mapping, Map<String, Path> inputs,
                                                      Path output, Progress progress) {
        Map<IdentityMapping.SourceMapping, Dataset<Row>> frames = new LinkedHashMap<>();
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            IdentityMapping.SourceMapping source = sourceOf(mapping, in.getKey());
            if (!Files.isRegularFile(in.getValue())) {
                throw new IllegalArgumentException("input file " + in.getValue() + " does not exist");
            }
            frames.put(source, spark.read().option("header", "true").option("encoding", "UTF-8")
                    .csv(in.getValue().toString()));
        }
        Dataset<Row> records = PersonRecords.normalize(spark, mapping, frames);
        IdentityResolver.Resolution result = new IdentityResolver(spark, mapping, progress).resolve(records, null, false, null);
        write(result.identities().select("source", "entity", "record_key", "customer_id").orderBy("customer_id", "source", "record_key"), output);
        return result;
    }

    private static IdentityMapping.SourceMapping sourceOf(IdentityMapping mapping, String name) {
        if (!name.isEmpty()) {
            return mapping.source(name);
        }
        if (mapping.sources().size() != 1) {
            throw new IllegalArgumentException("the mapping " + mapping.origin() + " has " + mapping.sources().size()
                    + " sources: name each input as SOURCE=FILE");
        }
        return mapping.sources().get(0);
    }

    private static void write(Dataset<Row> rows, Path output) {
        try {
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                w.write("source,entity,record_key,cluster_id\n");
                for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
                    Row r = it.next();
                    w.write(String.join(",", List.of(csv(r.getString(0)), csv(r.getString(1)), csv(r.getString(2)), csv(r.getString(3)))));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
