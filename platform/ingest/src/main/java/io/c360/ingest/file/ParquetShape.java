package io.c360.ingest.file;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.nio.file.Path;

/** Apache Parquet: readable when its footer is; the record count is the sum of its row groups. */
public final class ParquetShape implements FileShape {

    private static final Configuration HADOOP = new Configuration(false);

    @Override
    public ShapeCheck check(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), HADOOP))) {
            ParquetMetadata footer = reader.getFooter();
            long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
            return ShapeCheck.okWithSchema(rows, footer.getFileMetaData().getSchema().toString());
        } catch (IOException | RuntimeException e) {
            return ShapeCheck.unreadable("not a readable Parquet file (" + e.getMessage() + ")");
        }
    }
}
