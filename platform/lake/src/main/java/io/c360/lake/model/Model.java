package io.c360.lake.model;

import java.util.Set;
import java.util.TreeSet;

/** One table of a zone: {@code models/<zone>/<name>.sql} plus {@code <name>.yml}. */
public record Model(String zone, String name, ModelSql sql, ModelSpec spec) {

    /** The Iceberg table, {@code <zone>.<name>}. */
    public String table() {
        return zone + "." + name;
    }

    /** Names of the models this one must be built after: those it references and those its relationships tests read. */
    public Set<String> upstream() {
        Set<String> names = new TreeSet<>(sql.references());
        spec.relationshipTargets().forEach(t -> names.add(t.substring(t.indexOf('.') + 1)));
        names.remove(name);
        return names;
    }
}
