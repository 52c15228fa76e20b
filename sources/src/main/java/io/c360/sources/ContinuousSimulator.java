package io.c360.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.runtime.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code c360 sources run}: the company keeps living after its generated history. Each tick is one
 * simulated business day (starting at the history's end date) stamped with the wall-clock time:
 * new customers in every system, CRM field changes with a newer {@code updated_at}, new and late
 * postings and corrections in core banking, new file drops (accounts, cards, dispositions,
 * visitor map, retail orders, the day's web sessions).
 */
public final class ContinuousSimulator {

    private static final String[] CHANNELS = {"email", "sms", "phone", "app", "branch"};
    private static final String[] MARITAL = {"S", "M", "D"};

    private final Path workspace;
    private final CrmStore crm;
    private final CoreBankingDatabase core;
    private final Progress progress;
    private final SimulationState state;
    private final PersonGenerator persons;
    private final Company company;

    public ContinuousSimulator(Path workspace, CrmStore crm, CoreBankingDatabase core, Progress progress, boolean schemaDrift)
            throws SQLException {
        this.workspace = workspace;
        this.crm = crm;
        this.core = core;
        this.progress = progress;
        SimulationState loaded = SimulationState.load(workspace);
        SimulationPlan plan = schemaDrift ? loaded.plan.withSchemaDrift(true) : loaded.plan;
        this.state = new SimulationState(plan, loaded.ids, loaded.tick, loaded.day, loaded.lastInstant);
        this.persons = new PersonGenerator(plan);
        this.company = new Company(plan, state.ids, true);
        core.prepareForUpdates();
    }

    /** Runs {@code ticks} ticks (0 = until interrupted), one every {@code every}. */
    public void run(long ticks, Duration every, Clock clock) throws SQLException, InterruptedException {
        for (long n = 1; ticks == 0 || n <= ticks; n++) {
            long started = System.nanoTime();
            tick(clock.instant());
            if (ticks != 0 && n == ticks) {
                return;
            }
            long sleepMillis = every.toMillis() - (System.nanoTime() - started) / 1_000_000;
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
        }
    }

    public SourceCounts tick(Instant now) throws SQLException {
        long start = System.nanoTime();
        SimulationPlan plan = state.plan;
        long tick = state.tick + 1;
        Instant instant = now.truncatedTo(ChronoUnit.MILLIS);
        if (!instant.isAfter(state.lastInstant)) {
            instant = state.lastInstant.plusMillis(1);
        }
        LocalDate day = state.day;
        SplittableRandom rng = Seeds.tick(plan.seed(), tick);
        String stamp = HistoryGenerator.STAMP.format(day.atTime(LocalTime.ofInstant(instant, ZoneOffset.UTC)));
        Map<Long, CrmStore.Entry> crmChanges = new LinkedHashMap<>();
        List<Posting> postings = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Progress.Step step = progress.start("tick " + tick + ": business day " + day, "records");
        Path landing = workspace.resolve("landing");
        try (BankFileWriters bankFiles = new BankFileWriters(landing, stamp);
             WebAnalyticsWriter web = new WebAnalyticsWriter(landing.resolve("web"), plan.chaos().malformedRate());
             VisitorMapWriter visitors = new VisitorMapWriter(landing, stamp);
             RetailOrderWriter retail = new RetailOrderWriter(landing, stamp);
             GroundTruthWriter truth = GroundTruthWriter.append(workspace)) {
            Company.Sinks sinks = new Company.Sinks((id, at, doc) -> crmChanges.put(id, new CrmStore.Entry(id, at, doc)),
                    postings::add, bankFiles, web, visitors, retail, truth);
            LocalDateTime joined = day.atTime(LocalTime.ofInstant(instant, ZoneOffset.UTC));
            int newPeople = Math.max(2, plan.customers() / 1000);
            for (int i = 0; i < newPeople; i++) {
                company.enroll(persons.person(state.ids.person++, joined), day, day.plusDays(1), instant, sinks);
            }
            returningVisitors(rng, day, Math.max(5, plan.customers() / 100), web);
            changeCrmRecords(rng, instant, Math.max(3, plan.customers() / 500), crmChanges);
            counts.put("crm", (long) crmChanges.size());
            counts.put("accounts", bankFiles.accounts());
            counts.put("cards", bankFiles.cards());
            counts.put("dispositions", bankFiles.dispositions());
            counts.put("web_sessions", web.sessions());
            counts.put("visitor_map", visitors.rows());
            counts.put("retail", retail.rows());
        }
        int corrected = postOnExistingAccounts(rng, instant, Math.max(5, plan.customers() / 100), day, postings);
        crm.upsert(crmChanges);
        core.insert(postings);
        counts.put("transactions", (long) postings.size());
        counts.put("corrections", (long) corrected);
        state.tick = tick;
        state.day = day.plusDays(1);
        state.lastInstant = instant;
        state.save(workspace);
        SourceCounts result = new SourceCounts(counts, System.nanoTime() - start);
        step.add(result.total());
        step.done(result.summary());
        return result;
    }

    private void returningVisitors(SplittableRandom rng, LocalDate day, int count, WebAnalyticsWriter web) {
        long known = state.ids.person - 1;
        for (int i = 0; i < count && known > 0; i++) {
            Person p = persons.person(1 + rng.nextLong(known));
            if (p.browses()) {
                web.write(WebBehaviour.returningVisit(p, rng, day), rng);
            }
        }
    }

    /** Existing customers move, change phone or e-mail, consents or marital status. */
    private void changeCrmRecords(SplittableRandom rng, Instant instant, int count, Map<Long, CrmStore.Entry> changes)
            throws SQLException {
        long known = state.ids.client - IdSequences.FIRST_CLIENT_ID;
        if (known <= 0) {
            return;
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = IdSequences.FIRST_CLIENT_ID + rng.nextLong(known);
        }
        int offset = changes.size();
        for (CrmStore.Entry entry : crm.find(ids)) {
            if (changes.containsKey(entry.clientId())) {
                continue;
            }
            try {
                ObjectNode doc = (ObjectNode) CrmCustomerDocument.JSON.readTree(entry.document());
                Instant updatedAt = instant.plusMillis(offset++);
                change(doc, rng, updatedAt);
                if (state.plan.schemaDrift() && !doc.has("loyalty_tier")) {
                    CrmCustomerDocument.addDriftField(doc, entry.clientId());
                }
                doc.put("updated_at", CrmCustomerDocument.UPDATED.format(updatedAt));
                changes.put(entry.clientId(), new CrmStore.Entry(entry.clientId(), updatedAt, CrmCustomerDocument.write(doc)));
            } catch (IOException e) {
                throw new UncheckedIOException("CRM document of client " + entry.clientId() + " is not JSON", e);
            }
        }
    }

    private void change(ObjectNode doc, SplittableRandom rng, Instant updatedAt) {
        switch (rng.nextInt(5)) {
            case 0 -> {
                // a move: the address of someone outside the population (negative ids are never enrolled)
                Person elsewhere = persons.person(-1 - rng.nextLong(1_000_000));
                ObjectNode address = doc.putObject("address");
                address.put("street", elsewhere.address().street());
                address.put("number", elsewhere.address().number());
                address.put("city", elsewhere.address().city());
                address.put("state", elsewhere.address().state().code());
                address.put("postal_code", elsewhere.address().postalCode());
                address.put("country", "BR");
            }
            case 1 -> doc.put("phone", String.format(java.util.Locale.ROOT, "+55 %02d 9%04d-%04d", 11 + rng.nextInt(89),
                    rng.nextInt(10_000), rng.nextInt(10_000)));
            case 2 -> {
                String email = doc.path("email").asText("");
                int at = email.indexOf('@');
                doc.put("email", (at > 0 ? email.substring(0, at) : "cliente" + rng.nextInt(100_000)) + "@proton.me");
            }
            case 3 -> {
                ObjectNode consents = doc.putObject("consents");
                consents.put("email", rng.nextBoolean());
                consents.put("sms", rng.nextBoolean());
                consents.put("phone", rng.nextBoolean());
                consents.put("updated_at", CrmCustomerDocument.UPDATED.format(updatedAt));
                doc.put("preferred_channel", CHANNELS[rng.nextInt(CHANNELS.length)]);
            }
            default -> doc.put("marital_status", MARITAL[rng.nextInt(MARITAL.length)]);
        }
    }

    /** New postings on a sample of existing accounts; some accounts get their latest posting corrected first. */
    private int postOnExistingAccounts(SplittableRandom rng, Instant instant, int count, LocalDate day, List<Posting> postings)
            throws SQLException {
        long known = state.ids.account - 1;
        if (known <= 0) {
            return 0;
        }
        long[] accounts = rng.longs(count, 1, known + 1).distinct().toArray();
        Map<Long, Long> balances = core.latestBalances(accounts);
        int corrected = 0;
        for (long accountId : accounts) {
            Long balance = balances.get(accountId);
            if (balance == null) {
                continue;
            }
            if (rng.nextDouble() < state.plan.chaos().correctionRate()) {
                long delta = (rng.nextBoolean() ? 1 : -1) * (100 + rng.nextLong(5_000));
                core.correctLatest(accountId, delta, instant);
                balance = core.latestBalances(new long[]{accountId}).get(accountId);
                corrected++;
            }
            AccountActivity activity = new AccountActivity(rng, 20_000 + rng.nextInt(180_000), false,
                    state.plan.chaos().lateRate(), instant, true);
            postings.addAll(activity.newPostings(accountId, true, day, balance, instant, state.ids::nextTransaction));
        }
        return corrected;
    }
}
