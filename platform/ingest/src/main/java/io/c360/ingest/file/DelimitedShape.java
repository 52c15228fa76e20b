package io.c360.ingest.file;

import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.EntityLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Delimited text (RFC 4180 quoting: a quoted field may hold the delimiter, quotes and line
 * breaks). A record has the declared shape when its field count is the number of declared
 * columns, or that number less the optional columns (older files without them).
 */
final class DelimitedShape implements FileShape {

    private final EntityLayout layout;
    private final char delimiter;
    private final int allColumns;
    private final int requiredColumns;

    DelimitedShape(EntityLayout layout) {
        this.layout = layout;
        this.delimiter = layout.delimiter().charAt(0);
        this.allColumns = layout.columns().size();
        this.requiredColumns = (int) layout.columns().stream().filter(c -> !c.optional()).count();
    }

    @Override
    public ShapeCheck check(Path file) throws IOException {
        try (BufferedReader in = TextFile.open(file, layout.encoding())) {
            return scan(in);
        }
    }

    private ShapeCheck scan(BufferedReader in) throws IOException {
        char[] buf = new char[1 << 16];
        long line = 1;
        long recordLine = 1;
        long records = 0;
        long matching = 0;
        long firstBadLine = 0;
        int firstBadFields = 0;
        int fields = 1;
        boolean quoted = false;
        boolean recordHasContent = false;
        boolean headerPending = layout.header();
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n') {
                    line++;
                }
                if (TextFile.isBinaryChar(c)) {
                    return ShapeCheck.unreadable("binary content (control character 0x"
                            + Integer.toHexString(c) + ") at line " + line);
                }
                if (quoted) {
                    quoted = c != '"'; // an escaped "" re-enters quoted mode on the next quote
                    continue;
                }
                if (c == '"') {
                    quoted = true;
                    recordHasContent = true;
                } else if (c == delimiter) {
                    fields++;
                    recordHasContent = true;
                } else if (c == '\n') {
                    if (recordHasContent) {
                        if (headerPending) {
                            headerPending = false;
                        } else {
                            records++;
                            if (fits(fields)) {
                                matching++;
                            } else if (firstBadLine == 0) {
                                firstBadLine = recordLine;
                                firstBadFields = fields;
                            }
                        }
                    }
                    fields = 1;
                    recordHasContent = false;
                    recordLine = line;
                } else if (c != '\r') {
                    recordHasContent = true;
                }
            }
        }
        if (recordHasContent && !headerPending) {
            records++;
            if (fits(fields)) {
                matching++;
            } else if (firstBadLine == 0) {
                firstBadLine = recordLine;
                firstBadFields = fields;
            }
        }
        if (quoted) {
            return ShapeCheck.unreadable("a quoted field opened at or after line " + recordLine + " is never closed");
        }
        if (!FileShape.majority(matching, records)) {
            return ShapeCheck.unreadable(String.format(
                    "expected %s fields per record (%s) separated by '%s', but %d of %d records differ; first at line %d with %d field(s)",
                    expected(), layout.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(",")),
                    delimiter, records - matching, records, firstBadLine, firstBadFields));
        }
        return ShapeCheck.ok(records);
    }

    private boolean fits(int fields) {
        return fields == allColumns || fields == requiredColumns;
    }

    private String expected() {
        return allColumns == requiredColumns ? Integer.toString(allColumns) : requiredColumns + " or " + allColumns;
    }
}
