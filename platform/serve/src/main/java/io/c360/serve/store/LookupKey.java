package io.c360.serve.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A key a profile can be found by: a source system's record key ({@code crm}, {@code dispositions},
 * {@code retail}, {@code web}, ...) or a contact attribute ({@code email}, {@code phone}, {@code cpf}).
 * Values are normalized the same way when they are published and when they are looked up, so
 * {@code John@X.com} finds {@code john@x.com} and {@code 123.456.789-09} finds {@code 12345678909}.
 */
public record LookupKey(String kind, String key) {

    /** What a kind looks like (a regular expression); the constructor refuses anything else. */
    public static final String KIND_PATTERN = "[a-z][a-z0-9_]{0,39}";
    private static final Pattern KIND = Pattern.compile(KIND_PATTERN);

    public LookupKey {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("lookup key kind must be a lower-case name like crm or email, got '" + kind + "'");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("lookup key of kind " + kind + " is empty");
        }
    }

    /** Builds a key with its value normalized for its kind. */
    public static LookupKey of(String kind, String value) {
        String k = kind == null ? null : kind.trim().toLowerCase(Locale.ROOT);
        return new LookupKey(k, normalize(k, value));
    }

    /**
     * {@link #normalize} as a Spark SQL expression, for keys normalized where they are published
     * (kind already trimmed and lower-cased); keep the two in step.
     */
    public static String normalizeSql(String kind, String value) {
        String trimmed = "regexp_replace(" + value + ", '^[\\\\x00-\\\\x20]+|[\\\\x00-\\\\x20]+$', '')";
        return "CASE WHEN " + kind + " = 'email' THEN lower(" + trimmed + ") "
                + "WHEN " + kind + " IN ('phone', 'cpf') THEN regexp_replace(" + value + ", '[^0-9]', '') "
                + "ELSE " + trimmed + " END";
    }

    static String normalize(String kind, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if ("email".equals(kind)) {
            return v.toLowerCase(Locale.ROOT);
        }
        if ("phone".equals(kind) || "cpf".equals(kind)) {
            return v.replaceAll("[^0-9]", "");
        }
        return v;
    }
}
