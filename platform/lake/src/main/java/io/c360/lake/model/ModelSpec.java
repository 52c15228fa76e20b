package io.c360.lake.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.lake.quality.DataTest;

import java.util.ArrayList;
import java.util.List;

/**
 * The YAML half of a model: documentation (description, owner, columns with their classes of
 * personal data), tests, and how rows are kept:
 * {@code unique_key} (business key of the MERGE), {@code latest_by} (source columns that order
 * versions of a key; the raw batch order breaks ties), {@code source_fields} (the source fields
 * the model knows; any other top-level field passes through as a new column), {@code incremental_by}
 * (a column by whose values a model built from other models is rebuilt: only the values its
 * affected-keys query returns, see {@link Model#affected()}; a row's unique key must determine it).
 */
public record ModelSpec(String description, String owner, List<String> uniqueKey, List<String> latestBy, List<String> sourceFields,
                        List<ColumnDoc> columns, List<DataTest> tableTests, String incrementalBy) {

    private static final List<String> COLUMN_KEYS = List.of("name", "type", "description", "pii", "dimension", "tests");

    static ModelSpec parse(JsonNode yml, String where) {
        List<ColumnDoc> columns = new ArrayList<>();
        for (JsonNode c : yml.path("columns")) {
            String name = c.path("name").asText(null);
            if (name == null) {
                throw new IllegalArgumentException(where + ": every column needs a name");
            }
            c.fieldNames().forEachRemaining(k -> {
                if (!COLUMN_KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + " column " + name + ": unknown key '" + k + "', expected "
                            + COLUMN_KEYS + " (a text with a comma inside {…} must be quoted)");
                }
            });
            List<DataTest> tests = new ArrayList<>();
            for (JsonNode t : c.path("tests")) {
                tests.add(DataTest.parse(t, name, where + " column " + name));
            }
            columns.add(new ColumnDoc(name, c.path("type").asText(""), c.path("description").asText(""),
                    PiiKind.parse(c.path("pii").asText(null), name, where), c.path("dimension").asText(""), List.copyOf(tests)));
        }
        List<DataTest> tableTests = new ArrayList<>();
        for (JsonNode t : yml.path("tests")) {
            tableTests.add(DataTest.parse(t, null, where + " tests"));
        }
        List<String> key = texts(yml.path("unique_key"));
        if (key.isEmpty()) {
            throw new IllegalArgumentException(where + ": unique_key is required (the business key rows are merged by)");
        }
        return new ModelSpec(yml.path("description").asText(""), yml.path("owner").asText(""), key, texts(yml.path("latest_by")),
                texts(yml.path("source_fields")), List.copyOf(columns), List.copyOf(tableTests), yml.path("incremental_by").asText(null));
    }

    /** Every test of the model, column tests first. */
    public List<DataTest> tests() {
        List<DataTest> all = new ArrayList<>();
        columns.forEach(c -> all.addAll(c.tests()));
        all.addAll(tableTests);
        return all;
    }

    /** Tables named by relationships tests: they must be built before this model is tested. */
    public List<String> relationshipTargets() {
        return tests().stream().filter(t -> t.kind().equals("relationships"))
                .map(t -> t.args().path("to").asText()).toList();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
