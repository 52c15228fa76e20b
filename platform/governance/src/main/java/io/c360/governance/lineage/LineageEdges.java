package io.c360.governance.lineage;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ops.lineage_edges}: the column lineage of every model a run built, one row per input of
 * each column (and per row-deciding input of the model, with a null column), queryable with SQL.
 */
public final class LineageEdges {

    public static final String TABLE = "ops.lineage_edges";
    private static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, true, "The model run (as in ops.dq_results).")
            .add("model", DataTypes.StringType, true, "The table the model built, zone.table.")
            .add("column_name", DataTypes.StringType, true, "Its column; null for an input deciding the rows of every column.")
            .add("input_dataset", DataTypes.StringType, true, "raw.<source>__<entity> or zone.table the value comes from.")
            .add("input_column", DataTypes.StringType, true, "The input's column.")
            .add("type", DataTypes.StringType, true, "DIRECT or INDIRECT (OpenLineage).")
            .add("subtype", DataTypes.StringType, true, "IDENTITY, TRANSFORMATION, AGGREGATION, CONDITIONAL, FILTER, JOIN, ...")
            .add("masking", DataTypes.BooleanType, true, "The value cannot be read back from the result (count, hash).")
            .add("recorded_at", DataTypes.TimestampType, true, "When the run recorded the edge.");

    private final List<Row> pending = new ArrayList<>();

    /** Keeps the edges of one built model until {@link #flush}. */
    public synchronized void add(String runId, String model, PlanLineage lineage) {
        Timestamp now = Timestamp.from(Instant.now());
        for (PlanLineage.Output column : ModelLineage.storedColumns(lineage)) {
            column.inputs().stream().filter(in -> in.from().dataset() != null)
                    .forEach(in -> pending.add(row(runId, model, column.name(), in, now)));
        }
        lineage.datasetInputs().forEach(in -> pending.add(row(runId, model, null, in, now)));
    }

    /** Appends the kept edges to the table (created on first use). */
    public synchronized void flush(SparkSession spark) {
        if (pending.isEmpty()) {
            return;
        }
        spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + SCHEMA.toDDL() + ") USING iceberg "
                + "COMMENT 'Column lineage of every model built: one row per input of each column.'");
        spark.createDataFrame(List.copyOf(pending), SCHEMA).write().mode("append").insertInto(TABLE);
        pending.clear();
    }

    private static Row row(String runId, String model, String column, ColumnInput in, Timestamp at) {
        return RowFactory.create(runId, model, column, in.from().dataset(), in.from().column(), in.type().name(),
                in.subtype().name(), in.masking(), at);
    }
}
