package io.c360.runtime.sources;

import io.c360.runtime.ConfigException;

import java.util.Locale;

/** File formats a declared layout can describe. */
public enum LayoutFormat {
    /** Delimited text (CSV), with or without a header line. */
    DELIMITED,
    /** Fixed-width text, each column with a width. */
    FIXED_WIDTH,
    /** One JSON object per line; single-quoted Python dict lines are accepted too. */
    JSONL,
    /** Apache Parquet. */
    PARQUET;

    static LayoutFormat parse(String text, String where) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": unknown format '" + text
                    + "', expected delimited, fixed-width, jsonl or parquet");
        }
    }
}
