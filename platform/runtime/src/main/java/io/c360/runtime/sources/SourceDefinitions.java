package io.c360.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The declared sources of the configuration ({@code sources:} section), parsed and checked. */
public final class SourceDefinitions {

    private final Map<String, SourceDefinition> byName;

    private SourceDefinitions(Map<String, SourceDefinition> byName) {
        this.byName = byName;
    }

    public static SourceDefinitions from(C360Config config) {
        JsonNode section = config.section("sources");
        Map<String, SourceDefinition> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), parseSource(e.getKey(), e.getValue()));
        }
        return new SourceDefinitions(out);
    }

    public List<SourceDefinition> all() {
        return List.copyOf(byName.values());
    }

    public List<EntityLayout> entities() {
        return byName.values().stream().flatMap(s -> s.entities().stream()).toList();
    }

    public Optional<SourceDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public SourceDefinition get(String name) {
        return find(name).orElseThrow(() -> new ConfigException("unknown source '" + name + "'; configured sources: "
                + String.join(", ", byName.keySet())));
    }

    public EntityLayout entity(String source, String entity) {
        return get(source).entities().stream().filter(e -> e.entity().equals(entity)).findFirst()
                .orElseThrow(() -> new ConfigException("source '" + source + "' has no entity '" + entity + "'"));
    }

    private static SourceDefinition parseSource(String name, JsonNode node) {
        String where = "sources." + name;
        String kindText = text(node, "kind", null);
        if (kindText == null) {
            throw new ConfigException(where + ".kind is missing: expected http, jdbc or file");
        }
        SourceDefinition.ConnectorKind kind;
        try {
            kind = SourceDefinition.ConnectorKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ".kind: '" + kindText + "' is not one of http, jdbc, file");
        }
        JsonNode entitiesNode = node.path("entities");
        if (!entitiesNode.isObject() || entitiesNode.isEmpty()) {
            throw new ConfigException(where + ".entities: at least one entity is required");
        }
        List<EntityLayout> entities = new ArrayList<>();
        entitiesNode.fields().forEachRemaining(e -> entities.add(parseEntity(name, e.getKey(), e.getValue())));
        return new SourceDefinition(name, kind, node, List.copyOf(entities));
    }

    private static EntityLayout parseEntity(String source, String entity, JsonNode node) {
        String where = "sources." + source + ".entities." + entity;
        LayoutFormat format = LayoutFormat.parse(text(node, "format", "delimited"), where + ".format");
        List<ColumnSpec> columns = new ArrayList<>();
        for (JsonNode c : node.path("columns")) {
            String name = text(c, "name", null);
            if (name == null) {
                throw new ConfigException(where + ".columns: every column needs a name");
            }
            columns.add(new ColumnSpec(name, ColumnType.parse(text(c, "type", "string"), where + ".columns." + name),
                    text(c, "format", null), c.path("width").asInt(0), c.path("optional").asBoolean(false)));
        }
        if ((format == LayoutFormat.DELIMITED || format == LayoutFormat.FIXED_WIDTH) && node.has("landing") && columns.isEmpty()) {
            throw new ConfigException(where + ".columns: a " + format.name().toLowerCase(Locale.ROOT)
                    + " layout must declare its columns");
        }
        if (format == LayoutFormat.FIXED_WIDTH && columns.stream().anyMatch(c -> c.width() <= 0)) {
            throw new ConfigException(where + ".columns: every fixed-width column needs a positive width");
        }
        return new EntityLayout(source, entity, text(node, "landing", null), text(node, "pattern", "*"), format,
                node.path("header").asBoolean(false), text(node, "delimiter", ","), text(node, "encoding", "UTF-8"),
                List.copyOf(columns), node);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? fallback : v.asText();
    }
}
