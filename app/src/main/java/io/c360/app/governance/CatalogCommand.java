package io.c360.app.governance;

import io.c360.app.C360Command;
import io.c360.governance.catalog.CatalogColumn;
import io.c360.governance.catalog.CatalogEntry;
import io.c360.governance.catalog.LakeCatalog;
import io.c360.governance.catalog.SearchHit;
import io.c360.lake.LakeSession;
import io.c360.runtime.C360Config;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

@Command(name = "catalog", description = {"The catalog of every raw, stage, analytics and ops table: descriptions, owners, columns "
        + "with their classes of personal data, row counts, freshness and data-quality results."},
        subcommands = {CatalogCommand.ListTables.class, CatalogCommand.Show.class, CatalogCommand.Search.class})
public final class CatalogCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void withCatalog(CommandSpec spec, Consumer<LakeCatalog> body) {
        C360Config config = C360Command.of(spec).config();
        SparkSession spark = LakeSession.open(config);
        try {
            body.accept(LakeCatalog.open(spark, config));
        } finally {
            spark.stop();
        }
    }

    @Command(name = "list", description = "Every table with its row count, last update, freshness, test results and owner.")
    static final class ListTables implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            withCatalog(spec, catalog -> {
                String format = "%-44s %12s  %-20s  %-13s  %-22s  %s%n";
                System.out.printf(Locale.ROOT, format, "TABLE", "ROWS", "LAST UPDATED", "FRESHNESS", "TESTS", "OWNER");
                for (CatalogEntry e : catalog.entries()) {
                    System.out.printf(Locale.ROOT, format, e.table().dataset(),
                            e.status().rowCount().map(Progress::formatCount).orElse("-"),
                            e.status().lastUpdated().map(i -> i.toString().substring(0, 19) + "Z").orElse("-"),
                            e.status().freshness(), tests(e.quality()), e.table().owner());
                }
            });
        }
    }

    @Command(name = "show", description = "One table: description, owner, state, columns (type, PII class, description) and its latest tests.")
    static final class Show implements Runnable {

        @Parameters(paramLabel = "TABLE", description = "zone.table, e.g. analytics.customer_360 or raw.crm__customers")
        String table;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            int dot = table.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("a table is named zone.table (e.g. analytics.customer_360), got '" + table + "'");
            }
            withCatalog(spec, catalog -> {
                CatalogEntry e = catalog.entry(table.substring(0, dot), table.substring(dot + 1)).orElseThrow(() ->
                        new IllegalArgumentException("no table " + table + " in the catalog (c360 catalog list shows them)"));
                System.out.println(e.table().dataset() + " — " + e.table().description());
                System.out.println("owner: " + (e.table().owner().isEmpty() ? "-" : e.table().owner())
                        + " · built by " + (e.table().builtBy().isEmpty() ? "-" : e.table().builtBy()));
                System.out.println("rows: " + e.status().rowCount().map(Progress::formatCount).orElse("-")
                        + " · last updated " + e.status().lastUpdated().map(Object::toString).orElse("never")
                        + " · " + e.status().freshness() + " (stale after " + e.status().maxAgeHours() + " h)");
                System.out.println();
                String format = "%-32s %-24s %-12s %s%n";
                System.out.printf(Locale.ROOT, format, "COLUMN", "TYPE", "PII", "DESCRIPTION");
                for (CatalogColumn c : e.table().columns()) {
                    System.out.printf(Locale.ROOT, format, c.name(), c.type(), c.pii().map(k -> k.label()).orElse(""), c.description());
                }
                if (!e.quality().isEmpty()) {
                    System.out.println();
                    System.out.println("data quality (latest run): " + tests(e.quality()));
                    e.quality().forEach(q -> System.out.printf(Locale.ROOT, "  %-5s %-45s %8d  %s%n",
                            q.status().toUpperCase(Locale.ROOT), q.test(), q.failingRows(), q.message()));
                }
            });
        }
    }

    @Command(name = "search", description = "Tables and columns whose name, description or PII class contains TERM, e.g. email.")
    static final class Search implements Runnable {

        @Parameters(paramLabel = "TERM", description = "Text to find, case-insensitive.")
        String term;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            withCatalog(spec, catalog -> {
                List<SearchHit> hits = catalog.search(term);
                for (SearchHit h : hits) {
                    String name = h.zone() + "." + h.table() + (h.column() == null ? "" : "." + h.column());
                    System.out.printf(Locale.ROOT, "%-60s %-14s %-12s %s%n", name, h.column() == null ? "table" : h.type(),
                            h.pii() == null ? "" : h.pii(), h.description());
                }
                System.out.println(hits.size() + " matches for '" + term + "'");
            });
        }
    }

    static String tests(List<CatalogEntry.QualityResult> quality) {
        if (quality.isEmpty()) {
            return "-";
        }
        Map<String, Long> byStatus = new TreeMap<>(quality.stream().collect(Collectors.groupingBy(
                CatalogEntry.QualityResult::status, Collectors.counting())));
        return byStatus.entrySet().stream().map(en -> en.getValue() + " " + en.getKey()).collect(Collectors.joining(", "));
    }
}
