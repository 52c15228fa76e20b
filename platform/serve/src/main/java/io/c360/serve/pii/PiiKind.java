package io.c360.serve.pii;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Kinds of personal data c360 masks for analysts, recognized by column or field name. */
public enum PiiKind {
    NAME, EMAIL, PHONE, NATIONAL_ID, ADDRESS, OTHER;

    private static final Set<String> NAME_COLUMNS = Set.of("first_name", "last_name", "middle_name", "full_name",
            "contact_name", "customer_name", "person_name", "name_first", "name_last");

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
