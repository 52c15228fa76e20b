package io.c360.lake.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.List;
import java.util.Locale;

/**
 * One data-quality test declared in a model's YAML: a column test ({@code not_null},
 * {@code unique}, {@code accepted_values}, {@code relationships}) or a table test
 * ({@code expression}, {@code row_count_between}, {@code freshness}).
 *
 * @param column the tested column, null for table tests
 * @param args   the test's arguments as written in the YAML
 */
public record DataTest(String kind, String column, JsonNode args, Severity severity) {

    public enum Severity { ERROR, WARN }

    private static final List<String> KINDS = List.of("not_null", "unique", "accepted_values", "relationships", "expression",
            "row_count_between", "freshness");

    /** Parses {@code not_null} or {@code {accepted_values: {values: [...], severity: warn}}}. */
    public static DataTest parse(JsonNode node, String column, String where) {
        if (node.isTextual()) {
            return new DataTest(known(node.asText(), where), column, NullNode.getInstance(), Severity.ERROR);
        }
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(where + ": a test is a name or a map with one name, got " + node);
        }
        String kind = node.fieldNames().next();
        JsonNode args = node.get(kind);
        Severity severity = Severity.valueOf(args.path("severity").asText("error").toUpperCase(Locale.ROOT));
        return new DataTest(known(kind, where), column, args, severity);
    }

    private static String known(String kind, String where) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(where + ": unknown test '" + kind + "' (known: " + String.join(", ", KINDS) + ")");
        }
        return kind;
    }

    /** How results name the test, e.g. {@code accepted_values(frequency)}. */
    public String label() {
        return column == null ? kind : kind + "(" + column + ")";
    }
}
