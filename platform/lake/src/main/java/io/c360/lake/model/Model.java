package io.c360.lake.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * One table of a zone: {@code models/<zone>/<name>.sql} plus {@code <name>.yml}, and for a model
 * rebuilt by key ({@code incremental_by}) {@code <name>.affected.sql}, the query of the keys whose
 * rows a build must recompute (null for other models).
 */
public record Model(String zone, String name, ModelSql sql, ModelSpec spec, ModelSql affected) {

    public Model(String zone, String name, ModelSql sql, ModelSpec spec) {
        this(zone, name, sql, spec, null);
    }

    /** Built by key: only the rows of the affected keys are recomputed once the table exists. */
    public boolean byKey() {
        return affected != null;
    }

    /** The Iceberg table, {@code <zone>.<name>}. */
    public String table() {
        return zone + "." + name;
    }

    /** Names of the models this one comes after in its project: those it reads and those its tests read. */
    public Set<String> upstream() {
        Set<String> names = reads();
        names.addAll(testedAgainst());
        return names;
    }

    /** Names of the models whose tables its SQL (and affected-keys query) reads: built before it is. */
    public Set<String> reads() {
        Set<String> names = new TreeSet<>(sql.references());
        if (affected != null) {
            names.addAll(affected.references());
        }
        names.remove(name);
        return names;
    }

    /** Names of the models its relationships tests read: built before it is tested, not before it is built. */
    public Set<String> testedAgainst() {
        Set<String> names = new TreeSet<>();
        spec.relationshipTargets().forEach(t -> names.add(t.substring(t.indexOf('.') + 1)));
        names.remove(name);
        return names;
    }
}
