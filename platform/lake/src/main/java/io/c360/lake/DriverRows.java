package io.c360.lake;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rows built in the driver (identity links, cluster ids, golden records; stored profile hashes) as a materialised Spark frame. Through an RDD
 * rather than a local relation: the optimizer evaluates projections over a local relation of hundreds of thousands
 * of rows again at every query planned on it. The rows are encoded in the driver as Spark's binary rows and travel
 * inside the tasks packed in byte arrays of about 600 KB (Spark warns above 1 MB per task): as Java objects, each
 * task deserialized them field by field (half a million identity links with their evidence took 7.6 s of task time
 * in 286 tasks). Once materialised, the slices are read as one partition per core: a hundred slices written to a
 * table made a hundred small files (and tasks).
 */
public final class DriverRows {

    private static final int BYTES_PER_SLICE = 600 * 1024;

    private DriverRows() {
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        List<byte[]> slices = packed(rows, schema);
        int fields = schema.size();
        RDD<InternalRow> binary = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(slices, slices.size()).flatMap(slice -> unpacked(slice, fields)).rdd();
        return spark.internalCreateDataFrame(binary, schema, false).localCheckpoint().coalesce(spark.sparkContext().defaultParallelism());
    }

    /** The rows as binary rows, each preceded by its length, in slices of about {@value #BYTES_PER_SLICE} bytes. */
    private static List<byte[]> packed(List<Row> rows, StructType schema) {
        ExpressionEncoder.Serializer<Row> encoder = ((ExpressionEncoder<Row>) Encoders.row(schema)).createSerializer();
        List<byte[]> slices = new ArrayList<>();
        ByteArrayOutputStream slice = new ByteArrayOutputStream(BYTES_PER_SLICE + (64 << 10));
        DataOutputStream out = new DataOutputStream(slice);
        try {
            for (Row r : rows) {
                byte[] bytes = ((UnsafeRow) encoder.apply(r)).getBytes();
                out.writeInt(bytes.length);
                out.write(bytes);
                if (slice.size() >= BYTES_PER_SLICE) {
                    slices.add(slice.toByteArray());
                    slice.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: not expected
        }
        if (slice.size() > 0 || slices.isEmpty()) {
            slices.add(slice.toByteArray());
        }
        return slices;
    }

    private static Iterator<InternalRow> unpacked(byte[] slice, int fields) {
        ByteBuffer in = ByteBuffer.wrap(slice);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasRemaining();
            }

            @Override
            public InternalRow next() {
                int size = in.getInt();
                UnsafeRow row = new UnsafeRow(fields);
                row.pointTo(slice, Platform.BYTE_ARRAY_OFFSET + in.position(), size);
                in.position(in.position() + size);
                return row;
            }
        };
    }
}
