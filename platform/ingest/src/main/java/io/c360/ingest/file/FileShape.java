package io.c360.ingest.file;

import io.c360.runtime.sources.EntityLayout;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Checks that a file is of its entity's declared shape and counts its records, without altering
 * it. Row-level defects are not judged here (the stage zone does that): a file is readable when
 * the majority of its records have the declared shape.
 */
public interface FileShape {

    ShapeCheck check(Path file) throws IOException;

    static FileShape of(EntityLayout layout) {
        return switch (layout.format()) {
            case DELIMITED -> new DelimitedShape(layout);
            case FIXED_WIDTH -> new FixedWidthShape(layout);
            case JSONL -> new JsonLinesShape(layout);
            case PARQUET -> new ParquetShape();
        };
    }

    /** Checks and turns I/O-level problems (bad encoding, truncated gzip) into an unreadable verdict. */
    static ShapeCheck checkSafely(FileShape shape, Path file, String encoding) {
        try {
            return shape.check(file);
        } catch (CharacterCodingException e) {
            return ShapeCheck.unreadable("not valid " + encoding + " text (" + e.getMessage() + ")");
        } catch (EOFException e) {
            return ShapeCheck.unreadable("truncated compressed file (" + e.getMessage() + ")");
        } catch (ZipException e) {
            return ShapeCheck.unreadable("corrupt compressed file (" + e.getMessage() + ")");
        } catch (IOException e) {
            return ShapeCheck.unreadable("unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** True when the records of the declared shape are a strict majority (an empty file is fine). */
    static boolean majority(long matching, long total) {
        return total == 0 || matching * 2 > total;
    }
}
