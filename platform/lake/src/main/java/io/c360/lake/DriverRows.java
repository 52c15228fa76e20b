package io.c360.lake;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * Rows built in the driver (identity links, cluster ids, golden records; stored profile hashes) as a materialised Spark frame. Through an RDD
 * rather than a local relation: the optimizer evaluates projections over a local relation of hundreds of thousands
 * of rows again at every query planned on it. The rows are encoded in the driver as Spark's binary rows (as Java
 * objects, each task deserialized them field by field: half a million identity links with their evidence took 7.6 s
 * of task time), packed in byte arrays of about 600 KB, and broadcast to one task per core, each unpacking a run of
 * them: carried inside the tasks (Spark warns above 1 MB per task), the same links made 195 tasks and took 2.2–3.3 s
 * to materialise, against 0.5 s broadcast.
 */
public final class DriverRows {

    private static final int BYTES_PER_SLICE = 600 * 1024;

    private DriverRows() {
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[][]> shared = context.broadcast(packed(rows, schema).toArray(byte[][]::new));
        int slices = shared.value().length;
        int fields = schema.size();
        int partitions = Math.min(slices, spark.sparkContext().defaultParallelism());
        RDD<InternalRow> binary = context.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(p -> unpacked(shared.value(), p * slices / partitions, (p + 1) * slices / partitions, fields)).rdd();
        Dataset<Row> frame = spark.internalCreateDataFrame(binary, schema, false).localCheckpoint(); // eager: the broadcast is read here
        shared.destroy();
        return frame;
    }

    /** The rows of slices {@code from} (inclusive) to {@code to} (exclusive), in order. */
    private static Iterator<InternalRow> unpacked(byte[][] slices, int from, int to, int fields) {
        return Arrays.stream(slices, from, to).flatMap(slice -> {
            Iterable<InternalRow> rows = () -> unpacked(slice, fields);
            return StreamSupport.stream(rows.spliterator(), false);
        }).iterator();
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
