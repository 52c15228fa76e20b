package io.c360.lake;

import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriverRowsTest {

    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType, false)
            .add("name", DataTypes.StringType).add("weight", DataTypes.DoubleType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType)).add("at", DataTypes.TimestampType);

    @TempDir
    static java.nio.file.Path workspace;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void rowsBuiltInTheDriverComeBackWithTheirValuesAndOrderAcrossSlices() {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) { // ~2.4 MB: several slices
            rows.add(RowFactory.create(i, i % 7 == 0 ? null : "name ção 日本 " + "x".repeat((int) (i % 100)), i % 5 == 0 ? null : i / 3.0,
                    i % 3 == 0 ? null : new String[]{"a" + i, null, "b"}, new Timestamp(1_700_000_000_000L + i)));
        }

        Dataset<Row> frame = DriverRows.frame(spark, rows, SCHEMA);

        List<Row> back = frame.collectAsList();
        assertThat(back).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i += 997) {
            Row in = rows.get(i);
            Row out = back.get(i);
            assertThat(out.getLong(0)).isEqualTo(in.getLong(0));
            assertThat(out.getString(1)).isEqualTo(in.getString(1));
            assertThat(out.isNullAt(2) ? null : out.getDouble(2)).isEqualTo(in.isNullAt(2) ? null : in.getDouble(2));
            assertThat(out.isNullAt(3) ? null : out.<String>getList(3)).isEqualTo(in.isNullAt(3) ? null : java.util.Arrays.asList((String[]) in.get(3)));
            assertThat(out.getTimestamp(4)).isEqualTo(in.getTimestamp(4));
        }
        assertThat(frame.where("name IS NULL").count()).isEqualTo(20_000 / 7 + 1);
    }

    @Test
    void noRowsMakeAnEmptyFrameOfTheSchema() {
        Dataset<Row> frame = DriverRows.frame(spark, List.of(), SCHEMA);

        assertThat(frame.count()).isZero();
        assertThat(frame.schema()).isEqualTo(SCHEMA);
    }
}
