package io.c360.app.governance;

import io.c360.governance.catalog.LakeCatalog;
import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.ColumnRef;
import io.c360.governance.lineage.FeedingBatches;
import io.c360.governance.lineage.LineageGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Command(name = "lineage", description = {
        "Where a column or table comes from, derived from the models' SQL (Spark's analyzed plan):",
        "  c360 lineage analytics.customer_360.debit_avg_3m   the path back to the raw source fields",
        "  c360 lineage analytics.customer_360                the tables upstream and the raw batches feeding them"})
public final class LineageCommand implements Runnable {

    private static final int LATEST_BATCHES = 3;

    @Parameters(paramLabel = "NAME", description = "zone.table.column or zone.table (raw entities: raw.<source>__<entity>)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        long dots = name.chars().filter(c -> c == '.').count();
        if (dots != 1 && dots != 2) {
            throw new IllegalArgumentException("name a column as zone.table.column or a table as zone.table "
                    + "(e.g. analytics.customer_360.debit_avg_3m), got '" + name + "'");
        }
        CatalogCommand.withCatalog(spec, catalog -> {
            LineageGraph graph = catalog.lineage();
            graph.unavailable().forEach((table, reason) -> System.out.println("(no lineage for " + table + ": " + reason + ")"));
            if (dots == 2) {
                printColumn(graph, ColumnRef.parse(name));
            } else {
                printTable(catalog, graph, name);
            }
        });
    }

    private static void printColumn(LineageGraph graph, ColumnRef column) {
        LineageGraph.ColumnPath path = graph.trace(column);
        System.out.println(column);
        printUpstream(path.upstream(), "");
        List<ColumnRef> feeds = graph.feeds(column);
        if (!feeds.isEmpty()) {
            System.out.println("feeds: " + feeds.stream().map(ColumnRef::toString).collect(Collectors.joining(", ")));
        }
        List<ColumnInput> indirect = graph.inputsOf(column).stream().filter(in -> !in.direct() && in.from().dataset() != null).toList();
        if (!indirect.isEmpty()) {
            System.out.println("decided by: " + indirect.stream().map(in -> in.from() + " (" + label(in) + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    private static void printUpstream(List<LineageGraph.ColumnPath> upstream, String indent) {
        for (int i = 0; i < upstream.size(); i++) {
            LineageGraph.ColumnPath p = upstream.get(i);
            boolean last = i == upstream.size() - 1;
            System.out.println(indent + (last ? "└─ " : "├─ ") + "← " + p.column() + "  (" + label(p.via()) + ")");
            printUpstream(p.upstream(), indent + (last ? "   " : "│  "));
        }
    }

    private static void printTable(LakeCatalog catalog, LineageGraph graph, String dataset) {
        if (!graph.datasets().contains(dataset)) {
            throw new IllegalArgumentException("no table " + dataset + " in the lineage; tables are " + graph.datasets());
        }
        System.out.println(dataset + graph.model(dataset).map(m -> " ← " + String.join(", ", m.inputs())).orElse(
                dataset.startsWith("raw.") ? "  (landed by ingestion)" : "  (not built by a SQL model)"));
        for (String up : graph.upstream(dataset)) {
            graph.model(up).ifPresent(m -> System.out.println("  " + up + " ← " + String.join(", ", m.inputs())));
        }
        List<String> readers = graph.downstream(dataset);
        System.out.println("read by: " + (readers.isEmpty() ? "-" : String.join(", ", readers)));
        List<FeedingBatches> batches = catalog.feedingBatches(dataset, LATEST_BATCHES);
        if (!batches.isEmpty()) {
            System.out.println("raw batches feeding it:");
            batches.forEach(b -> System.out.println("  " + b.model() + ": " + b.count() + " batches, latest "
                    + String.join(", ", b.latest())));
        }
    }

    private static String label(ColumnInput in) {
        return in.subtype().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (in.masking() ? ", masking" : "");
    }
}
