package io.c360.serve.http;

import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.ColumnRef;
import io.c360.governance.lineage.LineageGraph;
import io.c360.serve.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Lineage of the lake: the table graph, one table's inputs and outputs, one column's path back to raw fields. */
final class LineageRoutes {

    private static final int LATEST_BATCHES = 5;

    private final Supplier<Lake> lake;

    LineageRoutes(Supplier<Lake> lake) {
        this.lake = lake;
    }

    void register(Javalin app) {
        app.get("/api/v1/lineage/graph", this::graph, Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/lineage/tables/{namespace}/{table}", this::table, Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/lineage/columns/{namespace}/{table}/{column}", this::column, Role.ADMIN, Role.ANALYST);
    }

    private void graph(Context ctx) {
        LineageGraph g = lake.get().catalog().lineage();
        Set<String> nodes = new TreeSet<>(g.datasets());
        List<Map<String, String>> edges = new ArrayList<>();
        g.edges().forEach((to, inputs) -> inputs.forEach(from -> edges.add(Map.of("from", from, "to", to))));
        Json.ok(ctx, Map.of("nodes", nodes.stream().map(d -> Map.of("id", d, "zone", d.substring(0, d.indexOf('.')),
                        "model", g.model(d).isPresent())).toList(),
                "edges", edges, "unavailable", g.unavailable()));
    }

    private void table(Context ctx) {
        String dataset = dataset(ctx);
        LineageGraph g = lake.get().catalog().lineage();
        if (!g.datasets().contains(dataset)) {
            throw ApiError.notFound("no table " + dataset + " in the lineage"
                    + (g.unavailable().containsKey(dataset) ? ": " + g.unavailable().get(dataset) : ""));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("table", dataset);
        body.put("inputs", g.model(dataset).map(m -> List.copyOf(m.inputs())).orElse(List.of()));
        body.put("upstream", g.upstream(dataset));
        body.put("downstream", g.downstream(dataset));
        body.put("columns", g.model(dataset).map(m -> m.columns().stream().map(c -> Map.of("name", c.name(),
                "type", c.type().simpleString(), "inputs", inputs(c.inputs()))).toList()).orElse(List.of()));
        body.put("row_inputs", g.model(dataset).map(m -> inputs(m.rowInputs())).orElse(List.of()));
        body.put("raw_batches", lake.get().catalog().feedingBatches(dataset, LATEST_BATCHES).stream()
                .map(b -> Map.of("model", b.model(), "count", b.count(), "latest", b.latest())).toList());
        Json.ok(ctx, body);
    }

    private void column(Context ctx) {
        ColumnRef column = new ColumnRef(dataset(ctx), ctx.pathParam("column"));
        LineageGraph g = lake.get().catalog().lineage();
        try {
            List<ColumnInput> all = g.inputsOf(column);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("column", column.toString());
            body.put("path", path(g.trace(column)));
            body.put("inputs", inputs(all));
            body.put("feeds", g.feeds(column).stream().map(ColumnRef::toString).toList());
            body.put("row_inputs", g.model(column.dataset()).map(m -> inputs(m.rowInputs())).orElse(List.of()));
            Json.ok(ctx, body);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    private static String dataset(Context ctx) {
        String table = ctx.pathParam("table");
        if (!table.matches("[A-Za-z0-9_]+")) {
            throw ApiError.badRequest("table names are letters, digits and _, got '" + table + "'");
        }
        return ctx.pathParam("namespace").toLowerCase(Locale.ROOT) + "." + table;
    }

    private static Map<String, Object> path(LineageGraph.ColumnPath p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", p.column().toString());
        m.put("via", p.via() == null ? null : Map.of("type", p.via().type().name(), "subtype", p.via().subtype().name(),
                "masking", p.via().masking()));
        m.put("upstream", p.upstream().stream().map(LineageRoutes::path).toList());
        return m;
    }

    private static List<Map<String, Object>> inputs(List<ColumnInput> inputs) {
        return inputs.stream().filter(in -> in.from().dataset() != null).map(in -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", in.from().dataset());
            m.put("column", in.from().column());
            m.put("type", in.type().name());
            m.put("subtype", in.subtype().name());
            m.put("masking", in.masking());
            return m;
        }).toList();
    }
}
