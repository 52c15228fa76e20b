package io.c360.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated company: turns one person into the records each of its systems holds about them
 * (CRM entries, accounts, dispositions, cards, transactions, web sessions, visitor map, retail
 * orders) and the ground truth of every person record, writing them to one batch of sinks.
 */
final class Company {

    /** Where a CRM document goes: the bulk load of a history or an upsert of a tick. */
    interface CrmSink {
        void customer(long clientId, Instant updatedAt, String document);
    }

    /** Where core-banking postings go. */
    interface PostingSink {
        void posting(Posting posting);
    }

    /** The sinks of one batch (the whole history, or one tick). */
    record Sinks(CrmSink crm, PostingSink postings, BankFileWriters bankFiles, WebAnalyticsWriter web,
                 VisitorMapWriter visitors, RetailOrderWriter retail, GroundTruthWriter truth) {
    }

    private static final String[] FREQUENCIES = {"MI", "MI", "WI", "TI"};

    private final SimulationPlan plan;
    private final IdSequences ids;
    private final boolean live;
    private long previousClientId = -1;

    /**
     * @param live continuous mode: records are written as they happen, at the extraction moment,
     *             instead of spread over the history
     */
    Company(SimulationPlan plan, IdSequences ids, boolean live) {
        this.plan = plan;
        this.ids = ids;
        this.live = live;
    }

    /**
     * Writes everything the company's systems know about {@code p} for the period [from, to),
     * as extracted at {@code asOf}.
     */
    void enroll(Person p, LocalDate from, LocalDate to, Instant asOf, Sinks sinks) {
        Long clientId = null;
        Long duplicateId = null;
        if (p.banks()) {
            SplittableRandom crmRng = Seeds.person(plan.seed(), p.id(), Seeds.CRM);
            clientId = ids.client++;
            crm(p, clientId, p.customerSince(), asOf, crmRng, false, sinks);
            if (crmRng.nextDouble() < plan.chaos().duplicateRate()) {
                duplicateId = ids.client++;
                LocalDateTime again = later(p.customerSince(), asOf, crmRng);
                crm(p, duplicateId, again, asOf, crmRng, true, sinks);
            }
            bank(p, clientId, duplicateId, from, to, asOf, sinks);
        }
        if (p.browses()) {
            web(p, clientId, duplicateId, from, to, sinks);
        }
        if (p.shops()) {
            SplittableRandom rng = Seeds.person(plan.seed(), p.id(), Seeds.RETAIL);
            retail(RetailShop.orders(p, clientId, rng, from, to, true, plan.chaos().guestPurchaseRate(), ids::nextRetailRow),
                    p.id(), rng, sinks);
        }
    }

    private void crm(Person p, long clientId, LocalDateTime created, Instant asOf, SplittableRandom rng, boolean duplicate,
                     Sinks sinks) {
        Instant createdAt = created.toInstant(ZoneOffset.UTC);
        long span = Math.max(1, Duration.between(createdAt, asOf).toMillis());
        Instant updatedAt = live ? asOf : createdAt.plusMillis((long) (rng.nextDouble() * span)).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode doc = CrmCustomerDocument.of(p, clientId, created, updatedAt, LocalDate.ofInstant(asOf, ZoneOffset.UTC),
                plan.schemaDrift());
        if (duplicate) {
            CrmCustomerDocument.disguiseAsDuplicate(doc, rng);
        } else if (rng.nextDouble() < 0.03) {
            doc.putNull(rng.nextBoolean() ? "email" : "phone");
        }
        if (rng.nextDouble() < plan.chaos().malformedRate()) {
            CrmCustomerDocument.damage(doc, rng);
        }
        sinks.crm().customer(clientId, updatedAt, CrmCustomerDocument.write(doc));
        sinks.truth().record("crm", "customers", Long.toString(clientId), p.id());
    }

    private void bank(Person p, long clientId, Long duplicateId, LocalDate from, LocalDate to, Instant asOf, Sinks sinks) {
        SplittableRandom rng = Seeds.person(plan.seed(), p.id(), Seeds.BANKING);
        int accounts = 1 + (rng.nextDouble() < 0.2 ? 1 : 0) + (rng.nextDouble() < 0.05 ? 1 : 0);
        LocalDateTime opened = p.customerSince();
        for (int i = 0; i < accounts; i++) {
            opened = i == 0 ? opened.plusMinutes(rng.nextInt(60 * 24 * 30)) : later(opened, asOf, rng);
            opened = earlier(opened, asOf, to);
            long accountId = openAccount(p, clientId, opened, i == 0, from, to, asOf, rng, sinks);
            if (i == 0 && previousClientId >= 0 && rng.nextDouble() < 0.15) {
                disposition(accountId, previousClientId, "user", opened, earlier(LocalDateTime.MAX, asOf, to), rng, sinks);
            }
        }
        sinks.truth().record("dispositions", "dispositions", Long.toString(clientId), p.id());
        if (duplicateId != null && rng.nextDouble() < 0.3) {
            openAccount(p, duplicateId, earlier(later(opened, asOf, rng), asOf, to), false, from, to, asOf, rng, sinks);
            sinks.truth().record("dispositions", "dispositions", Long.toString(duplicateId), p.id());
        }
        previousClientId = clientId;
    }

    private long openAccount(Person p, long clientId, LocalDateTime opened, boolean primary, LocalDate from, LocalDate to,
                             Instant asOf, SplittableRandom rng, Sinks sinks) {
        long accountId = ids.account++;
        Account account = new Account(accountId, 1 + rng.nextInt(500), FREQUENCIES[rng.nextInt(FREQUENCIES.length)], opened);
        sinks.bankFiles().account(account, rng.nextDouble() < plan.chaos().malformedRate());
        disposition(accountId, clientId, "owner", opened, earlier(LocalDateTime.MAX, asOf, to), rng, sinks);
        AccountActivity activity = new AccountActivity(rng, p.annualIncome(), "retired".equals(p.occupation().name()),
                plan.chaos().lateRate(), asOf, live);
        LocalDate openDay = opened.toLocalDate();
        List<Posting> postings = openDay.isBefore(from)
                ? activity.history(accountId, primary, false, from, to, activity.carriedBalance(), ids::nextTransaction)
                : activity.history(accountId, primary, true, openDay, to, 0, ids::nextTransaction);
        postings.forEach(sinks.postings()::posting);
        return accountId;
    }

    /** A disposition, with a card issued on it some days after {@code opened} (not after {@code latest}). */
    private void disposition(long accountId, long clientId, String type, LocalDateTime opened, LocalDateTime latest,
                             SplittableRandom rng, Sinks sinks) {
        long dispositionId = ids.disposition++;
        sinks.bankFiles().disposition(new Disposition(dispositionId, accountId, clientId, type));
        if (rng.nextDouble() < ("owner".equals(type) ? 0.65 : 0.3)) {
            LocalDateTime drawn = opened.plusDays(1 + rng.nextInt(30)).plusSeconds(rng.nextInt(86_400));
            LocalDateTime issued = drawn.isAfter(latest) ? latest : drawn;
            String cardType = rng.nextDouble() < 0.25 ? "gold" : rng.nextDouble() < 0.2 ? "junior" : "classic";
            sinks.bankFiles().card(new Card(cardNumber(rng), dispositionId, cardType, issued),
                    rng.nextDouble() < plan.chaos().malformedRate());
        }
    }

    private void web(Person p, Long clientId, Long duplicateId, LocalDate from, LocalDate to, Sinks sinks) {
        SplittableRandom rng = Seeds.person(plan.seed(), p.id(), Seeds.WEB);
        for (WebVisit visit : WebBehaviour.visits(p, rng, from, to, 1.0)) {
            sinks.web().write(visit, rng);
        }
        if (clientId == null) {
            return;
        }
        for (String visitorId : p.visitorIds()) {
            if (rng.nextDouble() < 0.7) {
                sinks.visitors().visitor(visitorId, clientId);
                if (duplicateId != null && rng.nextDouble() < 0.3) {
                    sinks.visitors().visitor(visitorId, duplicateId);
                }
                sinks.truth().record("web", "visitor_map", visitorId, p.id());
            }
        }
    }

    void retail(List<RetailOrderLine> lines, long personId, SplittableRandom rng, Sinks sinks) {
        for (RetailOrderLine line : lines) {
            RetailOrderWriter.Damage damage = RetailOrderWriter.Damage.NONE;
            if (rng.nextDouble() < plan.chaos().malformedRate()) {
                damage = rng.nextBoolean() ? RetailOrderWriter.Damage.MONTH_50 : RetailOrderWriter.Damage.SALES_NOT_A_NUMBER;
            }
            sinks.retail().order(line, damage);
            sinks.truth().record("retail", "orders", Long.toString(line.rowId()), personId);
        }
    }

    /** A 16-digit card number starting with 5 with a valid Luhn check digit. */
    static String cardNumber(SplittableRandom rng) {
        int[] d = new int[16];
        d[0] = 5;
        for (int i = 1; i < 15; i++) {
            d[i] = rng.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[i];
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder(16);
        for (int v : d) {
            sb.append(v);
        }
        return sb.toString();
    }

    /** A moment between {@code t} and {@code limit}. */
    private static LocalDateTime later(LocalDateTime t, Instant limit, SplittableRandom rng) {
        long span = Math.max(1, Duration.between(t.toInstant(ZoneOffset.UTC), limit).getSeconds());
        return t.plusSeconds((long) (rng.nextDouble() * span));
    }

    /** Before the extraction moment and before the end of the period. */
    private static LocalDateTime earlier(LocalDateTime t, Instant asOf, LocalDate to) {
        LocalDateTime extracted = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
        LocalDateTime max = (extracted.isBefore(to.atStartOfDay()) ? extracted : to.atStartOfDay()).minusHours(1);
        return t.isAfter(max) ? max : t;
    }
}
