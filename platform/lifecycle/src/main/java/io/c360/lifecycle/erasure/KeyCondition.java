package io.c360.lifecycle.erasure;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.c360.lake.SqlValues.in;

/**
 * The SQL condition "this column holds one of the person's keys", written so the scan can skip
 * files: string columns compare as they are and integer columns with the keys that are integers in
 * canonical form. It finds exactly the rows {@code CAST(column AS STRING) IN (keys)} finds, but
 * Iceberg and Parquet can skip the files and row groups whose column bounds exclude every key.
 */
final class KeyCondition {

    /** What {@code CAST(n AS STRING)} gives for an integer: no sign but minus, no leading zero. */
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,18}");

    private KeyCondition() {
    }

    /** The condition on {@code column} of type {@code type}; empty when no key can be in such a column. */
    static String sql(String column, DataType type, Set<String> keys) {
        String quoted = "`" + column + "`";
        if (type instanceof StringType) {
            return quoted + " IN " + in(keys);
        }
        if (type instanceof LongType || type instanceof IntegerType) {
            long min = type instanceof LongType ? Long.MIN_VALUE : Integer.MIN_VALUE;
            long max = type instanceof LongType ? Long.MAX_VALUE : Integer.MAX_VALUE;
            List<String> numbers = keys.stream().filter(k -> CANONICAL_INTEGER.matcher(k).matches()).filter(k -> fits(k, min, max)).toList();
            return numbers.isEmpty() ? "" : quoted + " IN (" + String.join(", ", numbers) + ")";
        }
        return "CAST(" + quoted + " AS STRING) IN " + in(keys);
    }

    private static boolean fits(String integer, long min, long max) {
        try {
            long v = Long.parseLong(integer);
            return v >= min && v <= max;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }
}
