package io.c360.serve.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.Profile;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Profiles shaped like a customer_360 publish (golden record, sources, seven dimensions,
 * 12 months of history; about 1.5 KB of JSON each) for the serving benchmark. Customer {@code i}
 * is {@code C<i>}; {@code changed} selects the customers whose document differs in this generation.
 */
final class SyntheticProfiles implements Iterator<Profile> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor"};
    private static final String[] MONTHS = {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
            "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"};
    private static final String[] LAST = {"Silva", "Souza", "Oliveira", "Santos", "Lima", "Costa", "Pereira", "Almeida"};

    private final int customers;
    private final IntPredicate changed;
    private int next;

    SyntheticProfiles(int customers, IntPredicate changed) {
        this.customers = customers;
        this.changed = changed;
    }

    @Override
    public boolean hasNext() {
        return next < customers;
    }

    @Override
    public Profile next() {
        int i = next++;
        String first = FIRST[i % FIRST.length];
        String last = LAST[(i / FIRST.length) % LAST.length];
        String email = (first + "." + last + i + "@example.com").toLowerCase(Locale.ROOT);
        String cpf = String.valueOf(10_000_000_000L + i * 7919L % 89_999_999_999L);
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("golden_record").put("customer_id", "C" + i).put("first_name", first).put("last_name", last)
                .put("email", email).put("phone", "+55 11 9" + (10_000_000 + i))
                .put("national_id", cpf).put("birth_date", (1950 + i % 50) + "-0" + (1 + i % 9) + "-1" + i % 10)
                .put("city", "City " + i % 300).put("state", "S" + i % 27);
        ArrayNode sources = doc.putArray("sources");
        sources.addObject().put("source", "crm").put("key", String.valueOf(i)).put("updated_at", "2026-11-25T10:00:00Z");
        sources.addObject().put("source", "dispositions").put("key", String.valueOf(i)).put("type", "owner");
        doc.putObject("identity").put("rule", "same national id").put("cluster_size", 1 + i % 3);
        doc.putObject("loyalty").put("tenure_years", i % 25).put("products_held", 1 + i % 4).put("last_interaction_days", i % 90);
        doc.putObject("demographics").put("age", 18 + i % 70).put("life_stage", i % 2 == 0 ? "family" : "young adult")
                .put("income_band", "50-100k").put("home_ownership", "O");
        doc.putObject("marketing").put("preferred_channel", "email").put("email_consent", true)
                .putObject("channel_mix").put("web", i % 17).put("branch", i % 5).put("mobile", i % 23);
        ArrayNode months = doc.putObject("history").putArray("monthly_transactions");
        for (int m = 1; m <= 12; m++) {
            months.addObject().put("month", MONTHS[m - 1]).put("credit_count", (i + m) % 9)
                    .put("debit_count", (i * m) % 13).put("credit_amount", (i % 1000) * 1.5 + m).put("debit_amount", (i % 700) * 1.2 + m);
        }
        doc.putObject("value").put("revenue", (i % 5000) * 3.1).put("orders", i % 40)
                .putObject("rfm").put("recency", 1 + i % 5).put("frequency", 1 + (i / 5) % 5).put("monetary", 1 + (i / 25) % 5);
        doc.putObject("digital").put("sessions", i % 60).put("pageviews", i % 400).put("mobile_share", (i % 100) / 100.0);
        doc.putObject("risk").put("overdraft_days", changed.test(i) ? 1 + i % 7 : 0);
        return new Profile("C" + i, first + " " + last, doc,
                List.of(LookupKey.of("crm", String.valueOf(i)), LookupKey.of("dispositions", String.valueOf(i)),
                        LookupKey.of("email", email), LookupKey.of("cpf", cpf)),
                List.of("B" + i % 77));
    }
}
