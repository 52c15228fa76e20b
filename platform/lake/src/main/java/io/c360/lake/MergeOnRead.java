package io.c360.lake;

import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

/**
 * Tables kept current by row-level writes (MERGE, UPDATE, DELETE) of few rows at a time: Iceberg
 * format 2 in merge-on-read mode, where such a write adds the changed rows and a delete file
 * instead of rewriting every data file holding one of them. {@code c360 maintain} compacts the
 * delete files away; an erasure rewrites the files whose rows it deleted.
 */
public final class MergeOnRead {

    private static final Map<String, String> PROPERTIES = Map.of("format-version", "2",
            "write.merge.mode", "merge-on-read", "write.update.mode", "merge-on-read", "write.delete.mode", "merge-on-read");

    private MergeOnRead() {
    }

    /** Creates (or replaces) the table with the rows. */
    public static void createOrReplace(String table, Dataset<Row> rows) {
        CreateTableWriter<Row> writer = rows.writeTo(table).using("iceberg");
        for (Map.Entry<String, String> p : PROPERTIES.entrySet()) {
            writer = writer.tableProperty(p.getKey(), p.getValue());
        }
        writer.createOrReplace();
    }
}
