package io.c360.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared field mapping (which column of which input feeds which identity field) and the
 * matching rules. Sections missing from a mapping file come from the built-in
 * {@code identity/matching.yml}.
 */
public record IdentityMapping(String origin,
                              List<SourceMapping> sources,
                              List<DeterministicRule> deterministic,
                              List<BlockingRule> blocking,
                              List<Comparison> comparisons,
                              MatchSettings settings,
                              List<Survivorship> survivorship) implements Serializable {

    /** Identity fields a source column can feed. */
    public static final List<String> FIELDS = List.of("first_name", "last_name", "birth_date", "email", "phone",
            "national_id", "street", "city", "state", "postal_code", "country");
    private static final Set<String> MAPPABLE = Set.of("full_name", "first_name", "last_name", "birth_date", "email",
            "phone", "national_id", "street", "city", "state", "postal_code", "country");

    public static final String LAKE_MAPPING = "identity/mapping.yml";
    private static final String MATCHING_DEFAULTS = "identity/matching.yml";

    /** One input of person records. {@code table} is a lake table name or, in CSV mode, empty. */
    public record SourceMapping(String source, String entity, String table, String recordKey,
                                Map<String, String> fields, Map<String, String> keys, String dateFormat)
            implements Serializable {
    }

    /**
     * Records sharing a value of {@code field} are the same person, unless the group is larger than {@code maxGroup}
     * or its records disagree on one of the {@code unlessConflict} fields (a household e-mail shared by two people
     * with different CPFs); such groups are left to the probabilistic model.
     */
    public record DeterministicRule(String name, String field, int maxGroup, List<String> unlessConflict) implements Serializable {
    }

    public record BlockingRule(String name, String key) implements Serializable {
    }

    public record Comparison(String field, FieldComparison.Kind kind) implements Serializable {
    }

    /** How the golden record picks an attribute's value among a customer's records. */
    public record Survivorship(String attribute, String rule, List<String> sources) implements Serializable {
        public static final List<String> RULES = List.of("source-priority", "most-frequent", "most-complete");
    }

    /** {@code neverMatchIfDifferent}: compared fields whose disagreement (both present) rules a pair out whatever its weight. */
    public record MatchSettings(double matchProbability, int maxBlockSize, int maxClusterSize,
                                boolean cpfNationalIds, int emIterations, List<String> neverMatchIfDifferent) implements Serializable {
    }

    public static IdentityMapping lakeDefault() {
        return fromResource(LAKE_MAPPING);
    }

    public static IdentityMapping load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity mapping " + file, e);
        }
    }

    public static IdentityMapping fromResource(String resource) {
        try (InputStream in = IdentityMapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All source key names declared by the sources (e.g. client_id), in declaration order. */
    public List<String> keyNames() {
        List<String> names = new ArrayList<>();
        sources.forEach(s -> s.keys().keySet().stream().filter(k -> !names.contains(k)).forEach(names::add));
        return names;
    }

    public List<String> comparedFields() {
        return comparisons.stream().map(Comparison::field).toList();
    }

    public SourceMapping source(String name) {
        return sources.stream().filter(s -> s.source().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("the mapping " + origin + " has no source named '" + name + "' (it has "
                        + sources.stream().map(SourceMapping::source).toList() + ")"));
    }

    private static IdentityMapping parse(InputStream in, String origin) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root = yaml.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a YAML mapping with a 'sources' list");
        }
        JsonNode defaults;
        if (origin.endsWith(MATCHING_DEFAULTS)) {
            defaults = root;
        } else {
            try (InputStream d = IdentityMapping.class.getClassLoader().getResourceAsStream(MATCHING_DEFAULTS)) {
                defaults = yaml.readTree(d);
            }
        }
        Reader r = new Reader(origin);
        List<SourceMapping> sources = r.sources(root.path("sources"));
        List<DeterministicRule> deterministic = r.deterministic(section(root, defaults, "deterministic"));
        if (!root.has("deterministic")) {
            // default rules on source keys apply only where the mapping declares those keys
            Set<String> keys = new java.util.HashSet<>();
            sources.forEach(s -> keys.addAll(s.keys().keySet()));
            deterministic = deterministic.stream().filter(d -> FIELDS.contains(d.field()) || keys.contains(d.field())).toList();
        }
        IdentityMapping mapping = new IdentityMapping(origin, sources, deterministic,
                r.blocking(section(root, defaults, "blocking")),
                r.comparisons(section(root, defaults, "comparisons")),
                r.settings(root.path("settings"), defaults.path("settings")),
                r.survivorship(section(root, defaults, "survivorship")));
        r.checkRuleFields(mapping);
        return mapping;
    }

    private static JsonNode section(JsonNode root, JsonNode defaults, String name) {
        return root.has(name) ? root.get(name) : defaults.path(name);
    }

    /** Reads the YAML tree with messages naming the file and the offending entry. */
    private record Reader(String origin) {

        List<SourceMapping> sources(JsonNode list) {
            List<SourceMapping> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                String where = "sources[" + i + "]";
                Map<String, String> fields = stringMap(s.path("fields"), where + ".fields");
                for (String f : fields.keySet()) {
                    if (!MAPPABLE.contains(f)) {
                        throw error(where + ".fields", "unknown identity field '" + f + "', expected one of " + MAPPABLE);
                    }
                }
                out.add(new SourceMapping(text(s, "source", where), s.path("entity").asText(text(s, "source", where)),
                        s.path("table").asText(""), text(s, "record-key", where), fields,
                        stringMap(s.path("keys"), where + ".keys"), s.path("date-format").asText("")));
            }
            if (out.isEmpty()) {
                throw error("sources", "expected at least one source");
            }
            return out;
        }

        List<DeterministicRule> deterministic(JsonNode list) {
            List<DeterministicRule> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String where = "deterministic[" + i + "]";
                out.add(new DeterministicRule(text(n, "name", where), text(n, "field", where), n.path("max-group").asInt(20),
                        texts(n.path("unless-conflict"))));
            }
            return out;
        }

        List<BlockingRule> blocking(JsonNode list) {
            List<BlockingRule> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "blocking[" + i + "]";
                out.add(new BlockingRule(text(list.get(i), "name", where), text(list.get(i), "key", where)));
            }
            return out;
        }

        List<Comparison> comparisons(JsonNode list) {
            List<Comparison> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "comparisons[" + i + "]";
                String field = text(list.get(i), "field", where);
                if (!FIELDS.contains(field)) {
                    throw error(where + ".field", "unknown identity field '" + field + "', expected one of " + FIELDS);
                }
                String kind = text(list.get(i), "kind", where);
                try {
                    out.add(new Comparison(field, FieldComparison.Kind.valueOf(kind.toUpperCase())));
                } catch (IllegalArgumentException e) {
                    throw error(where + ".kind", "unknown kind '" + kind + "', expected one of name, date, email, phone, text, exact");
                }
            }
            return out;
        }

        List<Survivorship> survivorship(JsonNode list) {
            List<Survivorship> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "survivorship[" + i + "]";
                String attribute = text(list.get(i), "attribute", where);
                String rule = text(list.get(i), "rule", where);
                if (!FIELDS.contains(attribute)) {
                    throw error(where + ".attribute", "unknown identity field '" + attribute + "'");
                }
                if (!Survivorship.RULES.contains(rule)) {
                    throw error(where + ".rule", "unknown rule '" + rule + "', expected one of " + Survivorship.RULES);
                }
                List<String> sources = new ArrayList<>();
                list.get(i).path("sources").forEach(n -> sources.add(n.asText()));
                out.add(new Survivorship(attribute, rule, sources));
            }
            return out;
        }

        MatchSettings settings(JsonNode given, JsonNode defaults) {
            return new MatchSettings(
                    setting(given, defaults, "match-probability").asDouble(),
                    setting(given, defaults, "max-block-size").asInt(),
                    setting(given, defaults, "max-cluster-size").asInt(),
                    !"any".equalsIgnoreCase(setting(given, defaults, "national-id").asText()),
                    setting(given, defaults, "em-iterations").asInt(),
                    texts(setting(given, defaults, "never-match-if-different")));
        }

        private static List<String> texts(JsonNode list) {
            List<String> out = new ArrayList<>();
            list.forEach(n -> out.add(n.asText()));
            return out;
        }

        void checkRuleFields(IdentityMapping m) {
            for (DeterministicRule d : m.deterministic()) {
                if (!FIELDS.contains(d.field()) && !m.keyNames().contains(d.field())) {
                    throw error("deterministic." + d.name(), "field '" + d.field() + "' is neither an identity field "
                            + FIELDS + " nor a source key " + m.keyNames());
                }
                for (String f : d.unlessConflict()) {
                    if (!FIELDS.contains(f)) {
                        throw error("deterministic." + d.name() + ".unless-conflict", "'" + f + "' is not an identity field " + FIELDS);
                    }
                }
            }
            for (String f : m.settings().neverMatchIfDifferent()) {
                if (!m.comparedFields().contains(f)) {
                    throw error("settings.never-match-if-different", "'" + f + "' is not a compared field " + m.comparedFields());
                }
            }
        }

        private JsonNode setting(JsonNode given, JsonNode defaults, String name) {
            JsonNode n = given.has(name) ? given.get(name) : defaults.get(name);
            if (n == null) {
                throw error("settings." + name, "missing");
            }
            return n;
        }

        private String text(JsonNode n, String field, String where) {
            JsonNode v = n.get(field);
            if (v == null || v.asText().isBlank()) {
                throw error(where + "." + field, "missing");
            }
            return v.asText();
        }

        private Map<String, String> stringMap(JsonNode n, String where) {
            Map<String, String> out = new LinkedHashMap<>();
            if (n.isMissingNode() || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw error(where, "expected a mapping of name: column");
            }
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        private IllegalArgumentException error(String where, String what) {
            return new IllegalArgumentException(origin + ": " + where + ": " + what);
        }
    }
}
