package io.c360.lake.model;

/** One table of a zone: {@code models/<zone>/<name>.sql} plus {@code <name>.yml}. */
public record Model(String zone, String name, ModelSql sql, ModelSpec spec) {

    /** The Iceberg table, {@code <zone>.<name>}. */
    public String table() {
        return zone + "." + name;
    }
}
