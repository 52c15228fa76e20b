package io.c360.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: built-in defaults, overridden by {@code c360.yml}, then by
 * {@code C360_*} environment variables, then by command-line flags. Built by {@link ConfigLoader}.
 *
 * <p>Scalar settings are dotted keys ({@code spark.master}); structured sections (such as the
 * per-source connector layouts) stay available as YAML trees through {@link #section(String)}.
 */
public final class C360Config {

    /** A value and where it came from, so {@code c360 config} can explain itself. */
    public record Setting(String value, String origin) {
    }

    private final Map<String, Setting> settings;
    private final JsonNode tree;

    C360Config(Map<String, Setting> settings, JsonNode tree) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.tree = tree;
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public Optional<String> find(String key) {
        Setting s = settings.get(key);
        return s == null || s.value() == null || s.value().isBlank() ? Optional.empty() : Optional.of(s.value());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new ConfigException("configuration key '" + key + "' is not set"));
    }

    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("configuration key '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key).trim().toLowerCase();
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("configuration key '" + key + "' must be true or false, got '" + v + "'");
        };
    }

    /** Every key under {@code prefix.} with the prefix removed, e.g. the extra Spark settings. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        String p = prefix.endsWith(".") ? prefix : prefix + ".";
        settings.forEach((k, s) -> {
            if (k.startsWith(p) && s.value() != null) {
                out.put(k.substring(p.length()), s.value());
            }
        });
        return out;
    }

    /** A structured YAML section, e.g. {@code section("sources")}; missing sections are MissingNode. */
    public JsonNode section(String dottedPath) {
        JsonNode node = tree;
        for (String part : dottedPath.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    public Path workspace() {
        return Path.of(get("workspace")).toAbsolutePath().normalize();
    }

    /** True when c360 runs its own PostgreSQL under the workspace (no {@code postgres.url} given). */
    public boolean embeddedPostgres() {
        return find("postgres.url").isEmpty();
    }

    /** A copy with one more setting, e.g. a flag of a sub-command. */
    public C360Config with(String key, String value, String origin) {
        Map<String, Setting> copy = new LinkedHashMap<>(settings);
        copy.put(key, new Setting(value, origin));
        return new C360Config(copy, tree);
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase();
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key")
                || k.contains("credential") || k.contains("auth");
    }

    /** The value as {@code c360 config} shows it: secrets masked, and passwords inside URLs too. */
    public static String displayValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (isSecret(key)) {
            return "****";
        }
        return value.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("(://[^:/@]+:)[^@/]+@", "$1****@");
    }
}
