package io.c360.lifecycle.erasure;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The person to erase: their keys by kind (customer ids, CRM client ids, order lines, ...) and
 * their identifying values (e-mails, CPFs, phones, names) by kind. Only held in memory; the
 * certificate keeps hashes.
 */
public final class ErasureSubject {

    private final Map<KeyKind, Set<String>> keys = new EnumMap<>(KeyKind.class);
    private final Map<String, Set<String>> identifiers = new LinkedHashMap<>();

    public Set<String> keys(KeyKind kind) {
        return keys.computeIfAbsent(kind, k -> new LinkedHashSet<>());
    }

    void addKey(KeyKind kind, Object value) {
        if (value != null && !value.toString().isBlank()) {
            keys(kind).add(value.toString().trim());
        }
    }

    /** Identifying values by kind: email, national_id, phone, name. */
    public Map<String, Set<String>> identifiers() {
        return identifiers;
    }

    void addIdentifier(String kind, String value) {
        if (value != null && value.trim().length() >= 3) {
            identifiers.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(value.trim());
        }
    }

    public boolean isEmpty() {
        return keys.values().stream().allMatch(Set::isEmpty);
    }

    /**
     * Values unique to one person, lower-cased, that mark a raw line as theirs even when its key is
     * not known (a CRM duplicate linked only by e-mail): e-mails and CPFs, digits and formatted.
     */
    public List<String> strongIdentifiers() {
        Set<String> out = new LinkedHashSet<>();
        identifiers.getOrDefault("email", Set.of()).forEach(e -> out.add(e.toLowerCase(java.util.Locale.ROOT)));
        for (String cpf : identifiers.getOrDefault("national_id", Set.of())) {
            String digits = cpf.replaceAll("[^0-9]", "");
            if (digits.length() == 11) {
                out.add(digits);
                out.add(digits.substring(0, 3) + "." + digits.substring(3, 6) + "." + digits.substring(6, 9) + "-" + digits.substring(9));
            }
        }
        return List.copyOf(out);
    }

    /** Every identifying value to search for, lower-cased: the strong ones, phones in their forms, full names. */
    public List<String> searchableIdentifiers() {
        Set<String> out = new LinkedHashSet<>(strongIdentifiers());
        for (String phone : identifiers.getOrDefault("phone", Set.of())) {
            out.add(phone.toLowerCase(java.util.Locale.ROOT));
            String digits = phone.replaceAll("[^0-9]", "");
            if (digits.length() >= 9) {
                String last9 = digits.substring(digits.length() - 9);
                out.add(digits);
                out.add(last9.substring(0, 5) + "-" + last9.substring(5));
            }
        }
        identifiers.getOrDefault("name", Set.of()).forEach(n -> out.add(n.toLowerCase(java.util.Locale.ROOT)));
        return List.copyOf(out);
    }
}
