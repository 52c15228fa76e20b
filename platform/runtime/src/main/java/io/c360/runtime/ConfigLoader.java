package io.c360.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the effective {@link C360Config}: defaults &lt; c360.yml &lt; environment &lt; flags.
 * The YAML file is {@code --config FILE}, else {@code $C360_CONFIG}, else {@code ./c360.yml} if present.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> env;
    private Path configFile;
    private final Map<String, String> flags = new LinkedHashMap<>();

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public static ConfigLoader withEnvironment(Map<String, String> env) {
        return new ConfigLoader(env);
    }

    public ConfigLoader configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /** A command-line override, {@code key=value} as given to {@code --set}, or a flag mapped to a key. */
    public ConfigLoader flag(String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
        return this;
    }

    public ConfigLoader flags(List<String> assignments) {
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects key=value, got '" + a + "'");
            }
            flag(a.substring(0, eq).trim(), a.substring(eq + 1));
        }
        return this;
    }

    public C360Config load() {
        ObjectNode tree = (ObjectNode) readDefaults();
        Map<String, C360Config.Setting> settings = new LinkedHashMap<>();
        flatten("", tree, "default", settings);

        Path file = resolveConfigFile();
        if (file != null) {
            JsonNode user = readYaml(file);
            merge(tree, user);
            flatten("", user, file.toString(), settings);
        }
        for (String key : List.copyOf(settings.keySet())) {
            String var = envName(key);
            if (env.containsKey(var)) {
                settings.put(key, new C360Config.Setting(env.get(var), "env " + var));
            }
        }
        if (env.containsKey("C360_HOME")) {
            settings.put("workspace", new C360Config.Setting(env.get("C360_HOME"), "env C360_HOME"));
        }
        flags.forEach((k, v) -> settings.put(k, new C360Config.Setting(v, "flag")));
        return new C360Config(resolvePlaceholders(settings), tree);
    }

    static String envName(String key) {
        return "C360_" + key.toUpperCase().replaceAll("[.\\-]", "_");
    }

    private Path resolveConfigFile() {
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("configuration file " + configFile + " does not exist");
            }
            return configFile;
        }
        if (env.containsKey("C360_CONFIG")) {
            Path p = Path.of(env.get("C360_CONFIG"));
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("C360_CONFIG points at " + p + ", which does not exist");
            }
            return p;
        }
        Path local = Path.of("c360.yml");
        return Files.isRegularFile(local) ? local : null;
    }

    private static JsonNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/c360-defaults.yml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("built-in defaults c360-defaults.yml are unreadable", e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a YAML mapping at the top level");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode target, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode obj && e.getValue().isObject()) {
                merge(obj, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void flatten(String prefix, JsonNode node, String origin, Map<String, C360Config.Setting> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e ->
                    flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), origin, out));
        } else if (node.isValueNode()) {
            out.put(prefix, new C360Config.Setting(node.isNull() ? "" : node.asText(), origin));
        }
        // arrays stay structured: read them through C360Config.section(...)
    }

    private static Map<String, C360Config.Setting> resolvePlaceholders(Map<String, C360Config.Setting> settings) {
        String workspace = Path.of(settings.get("workspace").value()).toAbsolutePath().normalize().toString();
        Map<String, C360Config.Setting> out = new LinkedHashMap<>();
        settings.forEach((k, s) -> out.put(k, new C360Config.Setting(
                s.value() == null ? null : s.value().replace("${workspace}", workspace), s.origin())));
        return out;
    }
}
