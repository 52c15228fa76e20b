package io.c360.app.lake;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.lake.ops.DqResults;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;

@Command(name = "dq", description = "Print the data-quality results of the latest transform run (ops.dq_results).")
public final class DqCommand implements Runnable {

    @Option(names = "--all", description = "Also list the tests that passed.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        SparkSession spark = LakeSession.open(C360Command.of(spec).config());
        try {
            List<Row> rows = new DqResults(spark).latest();
            long passed = rows.stream().filter(r -> "pass".equals(r.getString(3))).count();
            for (Row r : rows) {
                if (all || !"pass".equals(r.getString(3))) {
                    System.out.println(String.format(Locale.ROOT, "%-5s %-40s %-45s %8d  %s%s", r.getString(3).toUpperCase(Locale.ROOT),
                            r.getString(0), r.getString(1), r.getLong(4), r.getString(6),
                            r.getString(5).isEmpty() ? "" : "  e.g. " + r.getString(5)));
                }
            }
            System.out.println(rows.size() + " results: " + passed + " passed, "
                    + rows.stream().filter(r -> "warn".equals(r.getString(3))).count() + " warnings, "
                    + rows.stream().filter(r -> "fail".equals(r.getString(3))).count() + " failures");
        } finally {
            spark.stop();
        }
    }
}
