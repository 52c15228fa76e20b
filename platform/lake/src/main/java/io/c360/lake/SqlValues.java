package io.c360.lake;

import java.util.Collection;
import java.util.stream.Collectors;

/** Values written into Spark SQL text as string literals. */
public final class SqlValues {

    private SqlValues() {
    }

    /** {@code 'it\'s'}: quoted, backslashes and quotes escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The values as an {@code IN} list of string literals; {@code (NULL)} when there are none (matches nothing). */
    public static String in(Collection<String> values) {
        return values.isEmpty() ? "(NULL)" : values.stream().map(SqlValues::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}
