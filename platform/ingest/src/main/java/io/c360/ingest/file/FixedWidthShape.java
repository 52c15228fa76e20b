package io.c360.ingest.file;

import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.EntityLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fixed-width text: a line has the declared shape when it spans every column; the last column
 * may be cut short (trailing blanks are often trimmed by the writer).
 */
final class FixedWidthShape implements FileShape {

    private final EntityLayout layout;
    private final int width;
    private final int shortest;

    FixedWidthShape(EntityLayout layout) {
        this.layout = layout;
        this.width = layout.columns().stream().mapToInt(ColumnSpec::width).sum();
        this.shortest = width - layout.columns().get(layout.columns().size() - 1).width() + 1;
    }

    @Override
    public ShapeCheck check(Path file) throws IOException {
        long records = 0;
        long matching = 0;
        long lineNo = 0;
        long firstBad = 0;
        int firstBadLength = 0;
        try (BufferedReader in = TextFile.open(file, layout.encoding())) {
            String line;
            boolean headerPending = layout.header();
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.chars().anyMatch(c -> TextFile.isBinaryChar((char) c))) {
                    return ShapeCheck.unreadable("binary content at line " + lineNo);
                }
                if (headerPending) {
                    headerPending = false;
                    continue;
                }
                records++;
                if (line.length() >= shortest && line.length() <= width) {
                    matching++;
                } else if (firstBad == 0) {
                    firstBad = lineNo;
                    firstBadLength = line.length();
                }
            }
        }
        if (!FileShape.majority(matching, records)) {
            return ShapeCheck.unreadable(String.format(
                    "expected lines of %d characters (%d columns), but %d of %d lines differ; first at line %d with %d characters",
                    width, layout.columns().size(), records - matching, records, firstBad, firstBadLength));
        }
        return ShapeCheck.ok(records);
    }
}
