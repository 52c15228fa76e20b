package io.c360.runtime.sources;

import io.c360.runtime.ConfigException;

import java.util.Arrays;
import java.util.Locale;

/** The types a declared layout can give a column. */
public enum ColumnType {
    STRING, LONG, INT, DECIMAL, DOUBLE, DATE, TIMESTAMP, BOOLEAN;

    static ColumnType parse(String text, String where) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": unknown column type '" + text + "', expected one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
