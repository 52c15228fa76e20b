package io.c360.serve.sql;

/** A result column: its name, Spark SQL type, and whether its values were masked for the caller. */
public record ResultColumn(String name, String type, boolean masked) {
}
