package io.c360.lake.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Classes of personal data. A model's YAML tags a column with one ({@code pii: email}); columns
 * and JSON fields whose name says what they hold are recognized without a tag.
 */
public enum PiiKind {
    NAME, EMAIL, PHONE, NATIONAL_ID, ADDRESS, BIRTH_DATE, INCOME, CARD_NUMBER, OTHER;

    private static final Set<String> NAME_COLUMNS = Set.of("first_name", "last_name", "middle_name", "full_name",
            "contact_name", "customer_name", "person_name", "name_first", "name_last");

    /** The class as written in a model's YAML and shown by the catalog: {@code email}, {@code national_id}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The class a YAML {@code pii:} value declares: a class label, {@code true} (the class the
     * column name implies, else other) or {@code false}/absent (none).
     */
    public static Optional<PiiKind> parse(String value, String column, String where) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return Optional.empty();
        }
        if (value.equals("true")) {
            return ofColumn(column).or(() -> Optional.of(OTHER));
        }
        return Arrays.stream(values()).filter(k -> k.label().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst()
                .or(() -> {
                    throw new IllegalArgumentException(where + " column " + column + ": pii: '" + value + "' is not a class of "
                            + "personal data; expected true, false or one of " + Arrays.stream(values()).map(PiiKind::label)
                            .collect(Collectors.joining(", ")));
                });
    }

    /** The kind of personal data a column or JSON field holds, judged by its name. */
    public static Optional<PiiKind> ofColumn(String column) {
        if (column == null) {
            return Optional.empty();
        }
        String c = column.toLowerCase(Locale.ROOT);
        if (NAME_COLUMNS.contains(c) || c.endsWith("_first_name") || c.endsWith("_last_name")) {
            return Optional.of(NAME);
        }
        if (c.contains("email")) {
            return Optional.of(EMAIL);
        }
        if (c.contains("phone") || c.equals("mobile")) {
            return Optional.of(PHONE);
        }
        if (c.contains("national_id") || c.contains("cpf") || c.equals("ssn") || c.equals("tax_id")) {
            return Optional.of(NATIONAL_ID);
        }
        if (c.contains("street") || c.equals("address_line") || c.equals("postal_code") || c.equals("zip")) {
            return Optional.of(ADDRESS);
        }
        return Optional.empty();
    }

    /** The kind of a lookup key ({@code email}, {@code phone}, {@code cpf}), empty for source keys. */
    public static Optional<PiiKind> ofLookupKind(String kind) {
        return switch (kind) {
            case "email" -> Optional.of(EMAIL);
            case "phone" -> Optional.of(PHONE);
            case "cpf" -> Optional.of(NATIONAL_ID);
            default -> Optional.empty();
        };
    }
}
