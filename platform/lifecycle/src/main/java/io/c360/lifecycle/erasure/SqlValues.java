package io.c360.lifecycle.erasure;

import java.util.Collection;
import java.util.stream.Collectors;

/** A collection of values as a SQL {@code IN} list of string literals. */
final class SqlValues {

    private SqlValues() {
    }

    static String in(Collection<String> values) {
        return values.isEmpty() ? "(NULL)" : values.stream().map(v -> "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
