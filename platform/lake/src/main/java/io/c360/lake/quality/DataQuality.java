package io.c360.lake.quality;

import io.c360.lake.SqlValues;
import io.c360.lake.raw.RawReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the declared tests of a table in one query: the row-level tests (not_null, accepted_values,
 * expression), row_count_between and freshness as one aggregate scan of counts, and relationships
 * tests (and an incremental run's unique tests) as scalar subqueries of it, which Spark starts
 * together before the scan, saving each a query's round trip. A whole table's unique test is a query of its own
 * (sorted hashes: a distinct count folded into the shared scan made Spark expand every row for it,
 * 11.5 M transactions took 14 s as two queries, 20 s as one). The sample keys of a failing test are
 * one more query (collected in the scan, every failing key was held in one buffer).
 *
 * <p>After an incremental run the row-level, unique and relationships tests look only at the rows
 * it wrote: the other rows were tested when they were written. Rows of the run's raw batches (a
 * merged row carries the batch it came from) have a unique column's values checked against the
 * whole table; the rows a build by key wrote are every row of their keys, and are unique among
 * themselves ({@link TestedRows#written}). row_count_between and freshness always look at the
 * whole table.
 */
public final class DataQuality {

    private static final int SAMPLE = 5;
    private static final Set<String> SCANNED = Set.of("not_null", "accepted_values", "expression", "row_count_between", "freshness");
    private final SparkSession spark;

    public DataQuality(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param table   the tested table, e.g. stage.stg_cards__cards
     * @param key     its business key columns (for sample keys)
     * @param zone    namespace of unqualified relationship targets
     * @param tested  the rows to test
     */
    public List<DqResult> check(String runId, String table, List<String> key, String zone, List<DataTest> tests, TestedRows tested) {
        Scope scope = new Scope(table, tested);
        String keyText = "concat_ws('|', " + key.stream().map(k -> "cast(`" + k + "` as string)").collect(Collectors.joining(", ")) + ")";
        List<DataTest> ordered = new ArrayList<>(tests.stream().filter(t -> SCANNED.contains(t.kind())).toList());
        ordered.addAll(tests.stream().filter(t -> !SCANNED.contains(t.kind())).toList());
        List<Outcome> outcomes = scan(scope, keyText, zone, ordered);
        List<DqResult> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            DataTest t = ordered.get(i);
            Outcome o = outcomes.get(i);
            String status = o.failing == 0 ? "pass" : t.severity() == DataTest.Severity.WARN ? "warn" : "fail";
            out.add(new DqResult(runId, table, t.label(), t.severity().name().toLowerCase(Locale.ROOT), status,
                    o.failing, o.samples, o.failing == 0 ? "" : o.message));
        }
        return out;
    }

    /**
     * One query over the tested rows: counts of the row-level tests' failing rows (and the table's rows, newest
     * value), and, as scalar subqueries (Spark starts them together, before the scan), of a relationships test's
     * failing rows and of the values repeated among an incremental run's rows. A whole table's unique test is counted apart
     * ({@link RepeatedHashes}); a unique test that finds repeated values, its exact query.
     */
    private List<Outcome> scan(Scope scope, String keyText, String zone, List<DataTest> tests) {
        if (tests.isEmpty()) {
            return List.of();
        }
        String table = scope.table();
        // an aggregate (one row, even of no tested rows); after an incremental run the whole table is counted for row_count_between
        List<String> selects = new ArrayList<>(List.of("count(*)"));
        if (scope.partial() && tests.stream().anyMatch(t -> t.kind().equals("row_count_between"))) {
            selects.add("(SELECT count(*) FROM " + table + ")");
        }
        int tableRows = selects.size() - 1;
        for (DataTest t : tests) {
            switch (t.kind()) {
                case "row_count_between" -> { }
                case "freshness" -> {
                    String c = "`" + t.args().path("column").asText("_ingested_at") + "`";
                    String newest = scope.partial() ? "(SELECT max(" + c + ") FROM " + table + ")" : "max(" + c + ")";
                    selects.add("cast(" + newest + " AS STRING)");
                    selects.add("CAST((unix_timestamp(current_timestamp()) - unix_timestamp(" + newest + ")) / 3600.0 AS DOUBLE)");
                }
                case "unique" -> selects.add(scope.partial() ? "(SELECT count(*) FROM (" + repeatedValues(scope, "`" + t.column() + "`") + "))"
                        : "CAST(NULL AS BIGINT)");
                case "relationships" -> selects.add(missingTarget(t, zone) ? "CAST(NULL AS BIGINT)"
                        : "(SELECT count(*) FROM (" + failingRows(scope, keyText, zone, t) + "))");
                default -> selects.add("count_if(" + failing(t) + ")");
            }
        }
        Row r = spark.sql("SELECT " + String.join(", ", selects) + " FROM " + scope.rows() + " s").first();
        long rows = r.getLong(tableRows);
        List<Outcome> out = new ArrayList<>();
        int i = tableRows + 1;
        for (DataTest t : tests) {
            switch (t.kind()) {
                case "row_count_between" -> {
                    long min = t.args().path("min").asLong(0);
                    long max = t.args().path("max").asLong(Long.MAX_VALUE);
                    boolean ok = rows >= min && rows <= max;
                    out.add(new Outcome(ok ? 0 : rows, "", rows + " rows, expected between " + min + " and " + max));
                }
                case "freshness" -> {
                    double hours = t.args().path("max_age_hours").asDouble(24);
                    boolean ok = !r.isNullAt(i + 1) && r.getDouble(i + 1) <= hours;
                    out.add(new Outcome(ok ? 0 : 1, "", "newest " + t.args().path("column").asText("_ingested_at") + " is "
                            + (r.isNullAt(i) ? "missing" : r.getString(i)) + ", older than " + hours + " hours"));
                    i += 2;
                }
                case "unique" -> {
                    long repeated = scope.partial() ? r.getLong(i) : RepeatedHashes.count(spark.table(table), List.of(t.column()));
                    out.add(repeated == 0 ? new Outcome(0, "", describe(t)) : query(scope, keyText, zone, t));
                    i += 1;
                }
                case "relationships" -> {
                    out.add(r.isNullAt(i) ? new Outcome(1, "", "cannot check " + describe(t) + ": " + target(t, zone)
                            + " does not exist (build its model first, e.g. transform without --select)")
                            : counted(r.getLong(i), failingRows(scope, keyText, zone, t), t));
                    i += 1;
                }
                default -> {
                    out.add(counted(r.getLong(i), "SELECT " + keyText + " AS k FROM " + scope.rows() + " s WHERE " + failing(t), t));
                    i += 1;
                }
            }
        }
        return out;
    }

    private Outcome counted(long failing, String failingRows, DataTest t) {
        return new Outcome(failing, failing == 0 ? "" : samples(failingRows), describe(t));
    }

    private boolean missingTarget(DataTest t, String zone) {
        return !spark.catalog().tableExists(target(t, zone));
    }

    /** The exact query: the failing rows counted, and their sample keys. */
    private Outcome query(Scope scope, String keyText, String zone, DataTest t) {
        String sql = failingRows(scope, keyText, zone, t);
        return counted(spark.sql("SELECT count(*) FROM (" + sql + ")").first().getLong(0), sql, t);
    }

    /** SQL of the business keys (as {@code k}) of a unique or relationships test's failing rows. */
    private static String failingRows(Scope scope, String keyText, String zone, DataTest t) {
        String c = "s.`" + t.column() + "`";
        String column = "`" + t.column() + "`";
        return switch (t.kind()) {
            case "unique" -> "SELECT " + keyText + " AS k FROM " + scope.uniqueAmong() + " s WHERE " + c + " IN ("
                    + repeatedValues(scope, column) + ")";
            case "relationships" -> "SELECT " + keyText + " AS k FROM " + scope.rows() + " s WHERE " + c + " IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM " + target(t, zone) + " p WHERE p.`" + t.args().path("field").asText() + "` = " + c + ")";
            default -> throw new IllegalArgumentException("not a unique or relationships test: " + t.kind());
        };
    }

    /**
     * The values of a column that repeat among the rows the tested ones must be unique in: of the tested rows'
     * values only, when those rows are some of the table's (rows written by key are tested among themselves).
     */
    private static String repeatedValues(Scope scope, String column) {
        return "SELECT " + column + " FROM " + scope.uniqueAmong()
                + (scope.tested().filter() != null ? " WHERE " + column + " IN (SELECT " + column + " FROM " + scope.rows() + ")" : "")
                + " GROUP BY " + column + " HAVING count(*) > 1";
    }

    /** Up to five business keys of the failing rows, the smallest first (the same ones on every run), from their own query. */
    private String samples(String failingRows) {
        return spark.sql("SELECT k FROM (" + failingRows + ") ORDER BY k LIMIT " + SAMPLE).collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.joining(","));
    }

    private static String failing(DataTest t) {
        String c = "s.`" + t.column() + "`";
        return switch (t.kind()) {
            case "not_null" -> "(" + c + " IS NULL)";
            case "accepted_values" -> "(" + c + " IS NOT NULL AND " + c + " NOT IN (" + quotedValues(t) + "))";
            default -> "(NOT coalesce((" + t.args().path("expr").asText() + "), false))";
        };
    }

    private static String describe(DataTest t) {
        return switch (t.kind()) {
            case "not_null" -> t.column() + " is null";
            case "unique" -> "values of " + t.column() + " appear more than once";
            case "accepted_values" -> t.column() + " not in [" + quotedValues(t) + "]";
            case "relationships" -> t.column() + " has no match in " + t.args().path("to").asText() + "." + t.args().path("field").asText();
            default -> "rows where not (" + t.args().path("expr").asText() + ")";
        };
    }

    private static String target(DataTest t, String zone) {
        String to = t.args().path("to").asText();
        return to.contains(".") ? to : zone + "." + to;
    }

    private static String quotedValues(DataTest t) {
        List<String> values = new ArrayList<>();
        t.args().path("values").forEach(v -> values.add(SqlValues.literal(v.asText())));
        return String.join(", ", values);
    }

    private record Outcome(long failing, String samples, String message) {
    }

    /**
     * The rows of a table tests look at: all of them, or those an incremental run wrote.
     *
     * @param filter SQL true for the table's rows to test (null: all, or those of the view)
     * @param view   a view of the rows written, which are all and only the table's rows of their keys (null: the table's)
     */
    public record TestedRows(String filter, String view) {

        public static TestedRows all() {
            return new TestedRows(null, null);
        }

        /** The rows of the given raw batches (a merged row carries the batch it came from): unique among the whole table. */
        public static TestedRows ofBatches(List<String> batches) {
            return new TestedRows("`" + RawReader.BATCH_ID + "` IN " + SqlValues.in(batches), null);
        }

        /**
         * The rows a build by key wrote, as they are in the table after it: unique among themselves (they
         * replaced every row of their keys, and a row's unique key determines its key).
         */
        public static TestedRows written(String view) {
            return new TestedRows(null, view);
        }
    }

    /** The rows tests look at in one table. */
    private record Scope(String table, TestedRows tested) {

        boolean partial() {
            return tested.filter() != null || tested.view() != null;
        }

        String rows() {
            if (tested.view() != null) {
                return tested.view();
            }
            return tested.filter() != null ? "(SELECT * FROM " + table + " WHERE " + tested.filter() + ")" : table;
        }

        /** The rows the tested ones must be unique among. */
        String uniqueAmong() {
            return tested.view() != null ? tested.view() : table;
        }
    }
}
