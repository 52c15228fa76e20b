package io.c360.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A CRM customer record as the CRM API serves it (strict JSON, workshop fields first, then the
 * identity attributes), including the CRM's dirt: duplicate entries of the same person and
 * malformed values.
 */
final class CrmCustomerDocument {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Workshop format: ISO local date-time with microseconds, always six digits. */
    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
    static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] LOYALTY_TIERS = {"bronze", "silver", "gold", "platinum"};

    private CrmCustomerDocument() {
    }

    /** The record of {@code p}; {@code age} as of {@code extractedOn}, like the workshop's extract. */
    static ObjectNode of(Person p, long clientId, LocalDateTime created, Instant updatedAt, LocalDate extractedOn,
                         boolean schemaDrift) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("client_id", clientId);
        doc.put("birth_date", p.birthDate().toString());
        doc.put("age", p.ageOn(extractedOn));
        doc.put("home_ownership", p.homeOwnership());
        doc.put("occupation", p.occupation().name());
        doc.put("marital_status", p.maritalStatus());
        doc.put("head_of_household_flag", p.headOfHousehold() ? "Y" : "N");
        doc.put("client_created_date", CREATED.format(created));
        doc.put("first_name", p.firstName());
        doc.put("last_name", p.lastName());
        doc.put("email", p.email());
        doc.put("phone", p.phone());
        doc.put("national_id", p.nationalId());
        doc.put("gender", p.gender());
        doc.put("annual_income", p.annualIncome());
        ObjectNode address = doc.putObject("address");
        address.put("street", p.address().street());
        address.put("number", p.address().number());
        address.put("city", p.address().city());
        address.put("state", p.address().state().code());
        address.put("postal_code", p.address().postalCode());
        address.put("country", "BR");
        ObjectNode consents = doc.putObject("consents");
        consents.put("email", p.consents().email());
        consents.put("sms", p.consents().sms());
        consents.put("phone", p.consents().phone());
        consents.put("updated_at", UPDATED.format(created.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)));
        doc.put("preferred_channel", p.preferredChannel());
        if (schemaDrift) {
            addDriftField(doc, clientId);
        }
        doc.put("updated_at", UPDATED.format(updatedAt));
        return doc;
    }

    /** The schema-drift field: the CRM started tracking a loyalty tier. */
    static void addDriftField(ObjectNode doc, long clientId) {
        String updatedAt = doc.path("updated_at").asText(null);
        doc.remove("updated_at");
        doc.put("loyalty_tier", LOYALTY_TIERS[(int) Math.floorMod(clientId, LOYALTY_TIERS.length)]);
        if (updatedAt != null) {
            doc.put("updated_at", updatedAt);
        }
    }

    /**
     * The same person entered a second time: one or two of typo in the last name, swapped names,
     * different e-mail casing, a missing field, another phone format; often without the CPF.
     */
    static void disguiseAsDuplicate(ObjectNode doc, SplittableRandom rng) {
        int changes = 1 + rng.nextInt(2);
        for (int i = 0; i < changes; i++) {
            switch (rng.nextInt(5)) {
                case 0 -> doc.put("last_name", typo(doc.path("last_name").asText(), rng));
                case 1 -> {
                    String first = doc.path("first_name").asText();
                    doc.put("first_name", doc.path("last_name").asText());
                    doc.put("last_name", first);
                }
                case 2 -> doc.put("email", shout(doc.path("email").asText()));
                case 3 -> {
                    if (rng.nextBoolean()) {
                        doc.putNull("email");
                    } else {
                        doc.remove("phone");
                    }
                }
                default -> {
                    if (doc.path("phone").isTextual()) {
                        doc.put("phone", localPhoneFormat(doc.path("phone").asText()));
                    }
                }
            }
        }
        if (rng.nextDouble() < 0.5) {
            doc.putNull("national_id");
        }
    }

    /** A malformed value the platform must quarantine or flag: an impossible date or a non-numeric income. */
    static void damage(ObjectNode doc, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            String birth = doc.path("birth_date").asText();
            doc.put("birth_date", rng.nextBoolean() ? birth.substring(0, 4) + "-02-30" : birth.substring(8, 10)
                    + "/" + birth.substring(5, 7) + "/" + birth.substring(0, 4) + "x");
        } else {
            doc.put("annual_income", rng.nextBoolean() ? "n/a" : "R$ " + doc.path("annual_income").asText());
        }
    }

    static String typo(String name, SplittableRandom rng) {
        if (name.length() < 3) {
            return name + name.charAt(name.length() - 1);
        }
        int i = 1 + rng.nextInt(name.length() - 2);
        char[] c = name.toCharArray();
        if (rng.nextBoolean() && c[i] != c[i + 1]) {
            char t = c[i];
            c[i] = c[i + 1];
            c[i + 1] = t;
            return new String(c);
        }
        return name.substring(0, i) + name.substring(i + 1);
    }

    private static String shout(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email.toUpperCase(Locale.ROOT) : email.substring(0, at).toUpperCase(Locale.ROOT) + email.substring(at);
    }

    /** "+55 11 91234-5678" written as "(11) 91234-5678". */
    static String localPhoneFormat(String phone) {
        return phone.startsWith("+55 ") && phone.length() > 7 ? "(" + phone.substring(4, 6) + ") " + phone.substring(7) : phone;
    }

    static String write(ObjectNode doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
