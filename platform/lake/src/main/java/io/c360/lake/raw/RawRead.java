package io.c360.lake.raw;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Raw records of some batches as text columns plus lineage ({@link RawReader#LINEAGE}), and the
 * declared fields that none of the read files carried (a source dropped a field).
 */
public record RawRead(Dataset<Row> rows, List<String> missingFields) {
}
