package io.c360.lifecycle.erasure;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.EntityLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether one raw text record (a line of a delimited, fixed-width or JSON-lines file)
 * belongs to the person: one of its key fields holds one of their keys, or the line carries one
 * of their strong identifiers (e-mail, CPF).
 */
final class RecordMatcher {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Pattern PY_NONE = Pattern.compile("(?<=[:\\[,]\\s{0,3})None(?=\\s*[,}\\]])");
    private static final Pattern PY_TRUE = Pattern.compile("(?<=[:\\[,]\\s{0,3})True(?=\\s*[,}\\]])");
    private static final Pattern PY_FALSE = Pattern.compile("(?<=[:\\[,]\\s{0,3})False(?=\\s*[,}\\]])");

    private final EntityLayout layout;
    private final Map<String, Set<String>> keysByField;
    private final List<String> strongIdentifiers;
    private List<String> names;

    RecordMatcher(EntityLayout layout, Map<String, Set<String>> keysByField, List<String> strongIdentifiers) {
        this.layout = layout;
        this.keysByField = keysByField;
        this.strongIdentifiers = strongIdentifiers;
        this.names = layout.columns().stream().map(ColumnSpec::name).toList();
    }

    /** A delimited file's header line sets the field positions of the lines that follow. */
    void header(String line) {
        String clean = line.startsWith("\uFEFF") ? line.substring(1) : line;
        names = split(clean).stream().map(String::trim).toList();
    }

    boolean matches(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        for (String id : strongIdentifiers) {
            if (lower.contains(id)) {
                return true;
            }
        }
        return switch (layout.format()) {
            case DELIMITED -> delimitedMatch(line);
            case FIXED_WIDTH -> fixedWidthMatch(line);
            case JSONL, PARQUET -> jsonMatch(line); // a Parquet record's raw text is its JSON
        };
    }

    private boolean delimitedMatch(String line) {
        List<String> fields = split(line);
        for (Map.Entry<String, Set<String>> e : keysByField.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i >= 0 && i < fields.size() && e.getValue().contains(fields.get(i).trim())) {
                return true;
            }
        }
        return false;
    }

    private boolean fixedWidthMatch(String line) {
        int position = 0;
        for (ColumnSpec c : layout.columns()) {
            Set<String> keys = keysByField.get(c.name());
            if (keys != null && position < line.length()
                    && keys.contains(line.substring(position, Math.min(line.length(), position + c.width())).trim())) {
                return true;
            }
            position += c.width();
        }
        return false;
    }

    private boolean jsonMatch(String line) {
        if (keysByField.values().stream().flatMap(Set::stream).noneMatch(line::contains)) {
            return false; // none of the keys appears anywhere in the line: no need to parse it
        }
        JsonNode node;
        try {
            String json = line.trim().startsWith("{'")
                    ? PY_FALSE.matcher(PY_TRUE.matcher(PY_NONE.matcher(line).replaceAll("null")).replaceAll("true")).replaceAll("false")
                    : line;
            node = JSON.readTree(json);
        } catch (Exception unparseable) {
            return false; // an unreadable line is matched by the person's identifiers only
        }
        for (Map.Entry<String, Set<String>> e : keysByField.entrySet()) {
            JsonNode v = node == null ? null : node.get(e.getKey());
            if (v != null && !v.isNull() && e.getValue().contains(v.asText().trim())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 4180 fields of one line: quotes removed, doubled quotes kept as one. */
    private List<String> split(String line) {
        String delimiter = layout.delimiter() == null || layout.delimiter().isEmpty() ? "," : layout.delimiter();
        char sep = delimiter.charAt(0);
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == sep) {
                out.add(field.toString());
                field.setLength(0);
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }
}
