package io.c360.lifecycle.erasure;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.c360.lake.SqlValues.in;

/**
 * Finds everything that belongs to one person: the customer ids (given, or found by CPF or
 * e-mail in the golden record and the CRM), their source records through the identity map, the
 * CRM and retail records that carry their e-mail or CPF, their dispositions, the accounts and
 * web visitor ids no one else holds, and the cards of their dispositions.
 */
public final class SubjectResolver {

    private static final String IDENTITY = "analytics.customer_identity";
    private static final String DIM = "analytics.dim_customer";
    private static final String CRM = "stage.stg_crm__customers";
    private static final String RETAIL = "stage.stg_retail__orders";
    private static final String DISPOSITIONS = "stage.stg_dispositions__dispositions";
    private static final String CARDS = "stage.stg_cards__cards";
    private static final String VISITORS = "stage.stg_web__visitor_map";

    /** The tables the person's keys are found in (erased last, see {@link LakeEraser}). */
    static final Set<String> TABLES = Set.of(IDENTITY, DIM, CRM, RETAIL, DISPOSITIONS, CARDS, VISITORS);

    private final SparkSession spark;

    public SubjectResolver(SparkSession spark) {
        this.spark = spark;
    }

    /** The person with this customer id, CPF or e-mail (null ones are not used). */
    public ErasureSubject resolve(String customerId, String cpf, String email) {
        ErasureSubject s = new ErasureSubject();
        s.addKey(KeyKind.CUSTOMER, customerId);
        if (cpf != null) {
            s.addIdentifier("national_id", cpf.replaceAll("[^0-9]", ""));
        }
        if (email != null) {
            s.addIdentifier("email", email.trim().toLowerCase(Locale.ROOT));
        }
        customersByContact(s);
        members(s);
        crmRecords(s);
        goldenRecords(s);
        crmRecords(s); // again: the golden record may name an e-mail or CPF of an unlinked CRM duplicate
        retailLines(s);
        dispositions(s);
        visitors(s);
        return s;
    }

    /**
     * The person's names that records still in the lake carry: after an erasure those records are
     * other people's (namesakes), so a name found in the workspace proves nothing. The person's own
     * leftover records would still be found by their e-mails, CPFs, phones and keys.
     */
    public Set<String> namesCarriedByOthers(ErasureSubject s) {
        List<String> names = s.identifiers().getOrDefault("name", Set.of()).stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        Set<String> carried = new HashSet<>();
        if (names.isEmpty()) {
            return carried;
        }
        Map<String, String> nameColumns = Map.of(DIM, "concat(first_name, ' ', last_name)", CRM, "concat(first_name, ' ', last_name)",
                RETAIL, "contact_name");
        nameColumns.forEach((table, name) -> {
            if (exists(table)) {
                rows("SELECT DISTINCT lower(" + name + ") FROM " + table + " WHERE lower(" + name + ") IN " + in(names))
                        .forEach(r -> carried.add(r.getString(0)));
            }
        });
        return carried;
    }

    private void customersByContact(ErasureSubject s) {
        if (exists(DIM) && !s.strongIdentifiers().isEmpty()) {
            rows("SELECT DISTINCT customer_id FROM " + DIM + " WHERE " + contactMatch(s, "email", "national_id"))
                    .forEach(r -> s.addKey(KeyKind.CUSTOMER, r.get(0)));
        }
        if (exists(CRM) && exists(IDENTITY) && !s.strongIdentifiers().isEmpty()) {
            rows("SELECT DISTINCT i.customer_id FROM " + IDENTITY + " i JOIN " + CRM + " c ON i.source = 'crm' "
                    + "AND i.record_key = CAST(c.client_id AS STRING) WHERE " + contactMatch(s, "c.email", "c.national_id"))
                    .forEach(r -> s.addKey(KeyKind.CUSTOMER, r.get(0)));
        }
    }

    private void members(ErasureSubject s) {
        if (!exists(IDENTITY) || s.keys(KeyKind.CUSTOMER).isEmpty()) {
            return;
        }
        for (Row r : rows("SELECT source, record_key, uid, key_client_id FROM " + IDENTITY + " WHERE customer_id IN "
                + in(s.keys(KeyKind.CUSTOMER)))) {
            s.addKey(KeyKind.RECORD, r.get(2));
            s.addKey(KeyKind.CLIENT, r.get(3));
            switch (r.getString(0)) {
                case "crm", "dispositions" -> s.addKey(KeyKind.CLIENT, r.get(1));
                case "retail" -> s.addKey(KeyKind.ORDER_LINE, r.get(1));
                case "web" -> s.addKey(KeyKind.VISITOR, r.get(1));
                default -> { }
            }
        }
    }

    private void crmRecords(ErasureSubject s) {
        if (!exists(CRM)) {
            return;
        }
        String where = "client_id IN " + in(s.keys(KeyKind.CLIENT))
                + (s.strongIdentifiers().isEmpty() ? "" : " OR " + contactMatch(s, "email", "national_id"));
        for (Row r : rows("SELECT client_id, first_name, last_name, email, phone, phone_raw, national_id FROM " + CRM + " WHERE " + where)) {
            s.addKey(KeyKind.CLIENT, r.get(0));
            addPerson(s, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(6));
            s.addIdentifier("phone", r.getString(5));
        }
    }

    private void goldenRecords(ErasureSubject s) {
        if (!exists(DIM) || s.keys(KeyKind.CUSTOMER).isEmpty()) {
            return;
        }
        for (Row r : rows("SELECT first_name, last_name, email, phone, national_id FROM " + DIM + " WHERE customer_id IN "
                + in(s.keys(KeyKind.CUSTOMER)))) {
            addPerson(s, r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
        }
    }

    private void retailLines(ErasureSubject s) {
        if (!exists(RETAIL)) {
            return;
        }
        List<String> emails = s.strongIdentifiers().stream().filter(v -> v.contains("@")).toList();
        String where = "row_id IN " + in(s.keys(KeyKind.ORDER_LINE)) + " OR client_id IN " + in(s.keys(KeyKind.CLIENT))
                + (emails.isEmpty() ? "" : " OR lower(contact_email) IN " + in(emails));
        for (Row r : rows("SELECT row_id, contact_name, contact_email FROM " + RETAIL + " WHERE " + where)) {
            s.addKey(KeyKind.ORDER_LINE, r.get(0));
            s.addIdentifier("name", r.getString(1));
            s.addIdentifier("email", r.getString(2) == null ? null : r.getString(2).toLowerCase(Locale.ROOT));
        }
    }

    /** The person's dispositions, and the accounts on which every disposition is theirs. */
    private void dispositions(ErasureSubject s) {
        if (!exists(DISPOSITIONS) || s.keys(KeyKind.CLIENT).isEmpty()) {
            return;
        }
        String clients = in(s.keys(KeyKind.CLIENT));
        rows("SELECT disp_id FROM " + DISPOSITIONS + " WHERE client_id IN " + clients).forEach(r -> s.addKey(KeyKind.DISPOSITION, r.get(0)));
        rows("SELECT account_id FROM " + DISPOSITIONS + " GROUP BY account_id HAVING count_if(client_id NOT IN " + clients
                + ") = 0 AND count_if(client_id IN " + clients + ") > 0").forEach(r -> s.addKey(KeyKind.ACCOUNT, r.get(0)));
        if (exists(CARDS) && !s.keys(KeyKind.DISPOSITION).isEmpty()) {
            rows("SELECT card_id FROM " + CARDS + " WHERE disp_id IN " + in(s.keys(KeyKind.DISPOSITION)))
                    .forEach(r -> s.addKey(KeyKind.CARD, r.get(0)));
        }
    }

    /** Visitor ids mapped to the person only (a device shared with someone else stays, without the person's mapping). */
    private void visitors(ErasureSubject s) {
        if (!exists(VISITORS)) {
            return;
        }
        String clients = in(s.keys(KeyKind.CLIENT));
        Set<String> candidates = new HashSet<>(s.keys(KeyKind.VISITOR));
        rows("SELECT full_visitor_id FROM " + VISITORS + " WHERE client_id IN " + clients).forEach(r -> candidates.add(r.getString(0)));
        Set<String> shared = new HashSet<>();
        if (!candidates.isEmpty()) {
            rows("SELECT DISTINCT full_visitor_id FROM " + VISITORS + " WHERE full_visitor_id IN " + in(candidates)
                    + " AND client_id NOT IN " + clients).forEach(r -> shared.add(r.getString(0)));
        }
        s.keys(KeyKind.VISITOR).clear();
        candidates.stream().filter(v -> !shared.contains(v)).sorted().forEach(v -> s.addKey(KeyKind.VISITOR, v));
    }

    private static void addPerson(ErasureSubject s, String first, String last, String email, String phone, String nationalId) {
        if (first != null && last != null) {
            s.addIdentifier("name", first + " " + last);
        }
        s.addIdentifier("email", email == null ? null : email.toLowerCase(Locale.ROOT));
        s.addIdentifier("phone", phone);
        s.addIdentifier("national_id", nationalId);
    }

    private static String contactMatch(ErasureSubject s, String emailColumn, String cpfColumn) {
        List<String> strong = s.strongIdentifiers();
        return "(lower(" + emailColumn + ") IN " + in(strong) + " OR regexp_replace(" + cpfColumn + ", '[^0-9]', '') IN " + in(strong) + ")";
    }

    private boolean exists(String table) {
        return spark.catalog().tableExists(table);
    }

    private List<Row> rows(String sql) {
        return spark.sql(sql).collectAsList();
    }
}
