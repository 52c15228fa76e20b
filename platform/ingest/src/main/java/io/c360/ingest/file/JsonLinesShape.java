package io.c360.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.c360.runtime.sources.EntityLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON object per line. Lines written as Python dict reprs (single quotes, None/True/False),
 * as the workshop's CRM extract is, are accepted too. Collects the top-level field names seen
 * (the schema fingerprint of self-describing records).
 */
final class JsonLinesShape implements FileShape {

    private static final JsonFactory STRICT = new JsonFactory();
    private static final JsonFactory PYTHON_REPR = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final Pattern PYTHON_LITERAL = Pattern.compile("(?<=[:\\[,]\\s{0,2})(None|True|False)(?=\\s*[,}\\]])");

    private final EntityLayout layout;

    JsonLinesShape(EntityLayout layout) {
        this.layout = layout;
    }

    @Override
    public ShapeCheck check(Path file) throws IOException {
        long records = 0;
        long matching = 0;
        long lineNo = 0;
        long firstBad = 0;
        String firstProblem = null;
        Set<String> fields = new HashSet<>();
        try (BufferedReader in = TextFile.open(file, layout.encoding())) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                records++;
                String problem = parse(line, fields);
                if (problem == null) {
                    matching++;
                } else if (firstBad == 0) {
                    firstBad = lineNo;
                    firstProblem = problem;
                }
            }
        }
        if (!FileShape.majority(matching, records)) {
            return ShapeCheck.unreadable(String.format(
                    "expected one JSON object per line, but %d of %d lines are not; first at line %d: %s",
                    records - matching, records, firstBad, firstProblem));
        }
        return ShapeCheck.ok(records, fields);
    }

    /** Null when the line is a JSON object (strict, else Python repr), else what is wrong. */
    private static String parse(String line, Set<String> fields) {
        if (line.chars().anyMatch(c -> TextFile.isBinaryChar((char) c))) {
            return "binary content";
        }
        String strictProblem = parse(STRICT, line, fields);
        if (strictProblem == null) {
            return null;
        }
        String repr = PYTHON_LITERAL.matcher(line).replaceAll(m -> switch (m.group(1)) {
            case "None" -> "null";
            case "True" -> "true";
            default -> "false";
        });
        return parse(PYTHON_REPR, repr, fields) == null ? null : strictProblem;
    }

    private static String parse(JsonFactory factory, String text, Set<String> fields) {
        Set<String> seen = new HashSet<>();
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                seen.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            if (t != JsonToken.END_OBJECT) {
                return "unexpected " + t;
            }
            if (p.nextToken() != null) {
                return "text after the end of the object";
            }
        } catch (IOException e) {
            String m = e.getMessage();
            return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
        }
        fields.addAll(seen);
        return null;
    }
}
