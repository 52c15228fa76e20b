package io.c360.lake.model;

import io.c360.lake.quality.RepeatedHashes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * What a MERGE needs to know of a batch's business keys: whether one repeats (the batch is then reduced to the
 * latest version of each key first), and the values of the key's first column (to narrow the MERGE's target).
 * A batch of up to {@link KeyList#MAX} rows, as an incremental run's usually is, has its keys read in one query
 * and both answered in the driver; a larger one is checked by sorted hashes and its first column's values are
 * read apart (two queries, each a Spark job of fixed cost whatever the batch's size).
 */
record BatchKeys(boolean repeated, Optional<KeyList> firstValues) {

    static BatchKeys of(Dataset<Row> rows, List<String> key) {
        Dataset<Row> keys = RepeatedHashes.present(rows, key);
        List<Row> read = keys.limit(KeyList.MAX + 1).collectAsList();
        if (read.size() > KeyList.MAX) {
            return new BatchKeys(RepeatedHashes.count(keys, key) > 0, KeyList.of(keys.select(col("`" + key.get(0) + "`")).distinct()));
        }
        DataType first = keys.schema().fields()[0].dataType();
        return new BatchKeys(new HashSet<>(read).size() < read.size(), KeyList.of(first, read.stream().map(r -> r.get(0)).distinct().toList()));
    }
}
