package io.c360.governance.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lineage of the lake's models, table and column level: each model's columns with their inputs
 * (from the analyzed plan of its SQL), back to the raw fields of the sources.
 */
public final class LineageGraph {

    /**
     * A table built by a model.
     *
     * @param rowInputs columns deciding the rows of every column (filters, joins, groupings)
     */
    public record ModelTable(String dataset, List<PlanLineage.Output> columns, List<ColumnInput> rowInputs, Set<String> inputs) {

        public Optional<PlanLineage.Output> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /** A column and where its value comes from, recursively (direct inputs only). */
    public record ColumnPath(ColumnRef column, ColumnInput via, List<ColumnPath> upstream) {
    }

    private final Map<String, ModelTable> models;
    private final Map<String, List<String>> rawColumns;
    private final Map<String, String> unavailable;

    LineageGraph(Map<String, ModelTable> models, Map<String, List<String>> rawColumns, Map<String, String> unavailable) {
        this.models = Map.copyOf(models);
        this.rawColumns = Map.copyOf(rawColumns);
        this.unavailable = Map.copyOf(unavailable);
    }

    public Optional<ModelTable> model(String dataset) {
        return Optional.ofNullable(models.get(dataset));
    }

    /** Models whose SQL could not be analyzed (an input table that does not exist yet), with the reason. */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    public Map<String, List<String>> rawColumns() {
        return rawColumns;
    }

    /** Every dataset the graph knows: raw entities, models and the tables models read. */
    public Set<String> datasets() {
        Set<String> out = new TreeSet<>(rawColumns.keySet());
        models.values().forEach(m -> {
            out.add(m.dataset());
            out.addAll(m.inputs());
        });
        return out;
    }

    /** Table-level edges: each model's dataset → the datasets it reads. */
    public Map<String, Set<String>> edges() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        models.values().stream().sorted((a, b) -> a.dataset().compareTo(b.dataset()))
                .forEach(m -> out.put(m.dataset(), new TreeSet<>(m.inputs())));
        return out;
    }

    /** Every dataset upstream of {@code dataset}, nearest first. */
    public List<String> upstream(String dataset) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> frontier = List.of(dataset);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String d : frontier) {
                for (String in : model(d).map(ModelTable::inputs).orElse(Set.of())) {
                    if (seen.add(in)) {
                        next.add(in);
                    }
                }
            }
            frontier = next;
        }
        return List.copyOf(seen);
    }

    /** The models at or upstream of {@code dataset} that read raw batches (the batches feeding it). */
    public List<String> rawReaders(String dataset) {
        List<String> all = new ArrayList<>(upstream(dataset));
        all.add(0, dataset);
        return all.stream().filter(d -> model(d).map(m -> m.inputs().stream().anyMatch(Datasets::isRaw)).orElse(false)).toList();
    }

    /** The datasets that read {@code dataset} directly. */
    public List<String> downstream(String dataset) {
        return models.values().stream().filter(m -> m.inputs().contains(dataset)).map(ModelTable::dataset).sorted().toList();
    }

    /** The inputs of one column (direct and indirect); an unknown table or column is an error naming what exists. */
    public List<ColumnInput> inputsOf(ColumnRef column) {
        ModelTable m = models.get(column.dataset());
        if (m == null) {
            if (rawColumns.containsKey(column.dataset()) || datasets().contains(column.dataset())) {
                return List.of();
            }
            throw new IllegalArgumentException(unknownTable(column.dataset()));
        }
        return m.column(column.column()).map(PlanLineage.Output::inputs).orElseThrow(() -> new IllegalArgumentException(
                "table " + m.dataset() + " has no column '" + column.column() + "'; its columns are "
                        + m.columns().stream().map(PlanLineage.Output::name).toList()));
    }

    /** Every model column whose value is computed from {@code column} (direct inputs, transitively), nearest first. */
    public List<ColumnRef> feeds(ColumnRef column) {
        Set<ColumnRef> seen = new LinkedHashSet<>();
        List<ColumnRef> frontier = List.of(column);
        while (!frontier.isEmpty()) {
            List<ColumnRef> next = new ArrayList<>();
            for (ColumnRef c : frontier) {
                for (String reader : downstream(c.dataset())) {
                    for (PlanLineage.Output o : models.get(reader).columns()) {
                        ColumnRef out = new ColumnRef(reader, o.name());
                        if (o.inputs().stream().anyMatch(in -> in.direct() && in.from().equals(c)) && seen.add(out)) {
                            next.add(out);
                        }
                    }
                }
            }
            frontier = next;
        }
        return List.copyOf(seen);
    }

    /** Where a column's value comes from, followed through direct inputs back to raw fields or tables no model builds. */
    public ColumnPath trace(ColumnRef column) {
        return trace(column, null, new LinkedHashSet<>());
    }

    private ColumnPath trace(ColumnRef column, ColumnInput via, Set<ColumnRef> onPath) {
        List<ColumnPath> upstream = new ArrayList<>();
        if (onPath.add(column)) {
            for (ColumnInput in : inputsOf(column)) {
                if (in.direct() && in.from().dataset() != null) {
                    upstream.add(trace(in.from(), in, onPath));
                }
            }
            onPath.remove(column);
        }
        return new ColumnPath(column, via, upstream);
    }

    private String unknownTable(String dataset) {
        String reason = unavailable.get(dataset);
        return reason != null ? "no lineage for " + dataset + ": " + reason
                : "no table " + dataset + " in the lineage; tables are " + datasets();
    }
}
