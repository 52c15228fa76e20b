package io.c360.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The transactions of one account: salary or pension in, card purchases, cash withdrawals,
 * household and insurance remittances, loan payments, monthly fee and interest, with a spending
 * propensity per account so some accounts run into overdraft (and pay sanction interest).
 * Operations: CCK credit in cash, CAB collection from another bank, CCW credit-card withdrawal,
 * WCA withdrawal in cash, RAB remittance to another bank.
 */
final class AccountActivity {

    /** One posting before balances are known. */
    private record Event(LocalDate date, String type, String operation, long amount, String kSymbol) {
    }

    private final SplittableRandom rng;
    private final long monthlyIncome;
    private final boolean pensioner;
    private final double spending;
    private final boolean loan;
    private final double lateRate;
    private final Instant recordedAt;
    private final boolean live;

    /**
     * @param recordedAt the extraction moment: no posting is recorded ({@code updated_at}) later
     * @param live       continuous mode: every posting is recorded exactly at {@code recordedAt}, so
     *                   an extractor's watermark from an earlier tick never skips it
     */
    AccountActivity(SplittableRandom rng, int annualIncome, boolean pensioner, double lateRate, Instant recordedAt,
                    boolean live) {
        this.rng = rng;
        this.monthlyIncome = Math.max(800_00L, annualIncome * 100L / 12);
        this.pensioner = pensioner;
        this.spending = Math.exp(0.1 + 0.35 * Distributions.gaussian(rng));
        this.loan = rng.nextDouble() < 0.25;
        this.lateRate = lateRate;
        this.recordedAt = recordedAt;
        this.live = live;
    }

    /** Balance an account opened before the history window already has when the window starts. */
    long carriedBalance() {
        return (long) (monthlyIncome * (0.2 + 2.8 * rng.nextDouble()));
    }

    /**
     * Postings of the account from {@code from} (inclusive) to {@code to} (exclusive), starting at
     * {@code balance}; an account opened on {@code from} starts with its opening deposit.
     */
    List<Posting> history(long accountId, boolean primary, boolean opensOnFrom, LocalDate from, LocalDate to,
                          long balance, LongSupplier transIds) {
        List<Event> events = new ArrayList<>();
        if (opensOnFrom) {
            events.add(new Event(from, Posting.CREDIT, "CCK", (long) (monthlyIncome * (0.1 + rng.nextDouble())), null));
        }
        for (YearMonth month = YearMonth.from(from); !month.atDay(1).isAfter(to.minusDays(1)); month = month.plusMonths(1)) {
            List<Event> monthly = primary ? primaryMonth(month) : savingsMonth(month);
            monthly.sort(Comparator.comparing(Event::date));
            for (Event e : monthly) {
                if (!e.date.isBefore(from) && e.date.isBefore(to)) {
                    events.add(e);
                }
            }
        }
        return post(accountId, events, balance, to, transIds);
    }

    /**
     * One to three everyday postings (purchases, withdrawals, deposits) of a later day, posted at
     * {@code postedAt}; with the late rate their value date lies a few days before {@code day}.
     */
    List<Posting> newPostings(long accountId, boolean primary, LocalDate day, long balance, Instant postedAt,
                              LongSupplier transIds) {
        List<Event> month = primary ? primaryMonth(YearMonth.from(day)) : savingsMonth(YearMonth.from(day));
        List<Posting> out = new ArrayList<>(3);
        long running = balance;
        for (int i = 1 + rng.nextInt(3); i > 0 && !month.isEmpty(); i--) {
            Event e = month.get(rng.nextInt(month.size()));
            LocalDate date = rng.nextDouble() < lateRate ? day.minusDays(1 + rng.nextInt(5)) : day;
            running = Posting.CREDIT.equals(e.type) ? running + e.amount : running - e.amount;
            out.add(new Posting(transIds.getAsLong(), accountId, date, e.type, e.operation, e.amount, running, e.kSymbol, postedAt));
        }
        return out;
    }

    private List<Posting> post(long accountId, List<Event> events, long balance, LocalDate to, LongSupplier transIds) {
        List<Posting> out = new ArrayList<>(events.size() + 2);
        long running = balance;
        YearMonth current = null;
        for (Event e : events) {
            YearMonth month = YearMonth.from(e.date);
            if (current != null && !month.equals(current)) {
                Event closing = monthEnd(current, running);
                if (closing != null) {
                    running = append(out, accountId, closing, running, transIds);
                }
            }
            current = month;
            running = append(out, accountId, e, running, transIds);
        }
        if (current != null && current.atEndOfMonth().isBefore(to)) {
            Event closing = monthEnd(current, running);
            if (closing != null) {
                append(out, accountId, closing, running, transIds);
            }
        }
        return out;
    }

    /** Month-end interest: credit on a positive balance, sanction interest on an overdraft. */
    private Event monthEnd(YearMonth month, long balance) {
        LocalDate last = month.atEndOfMonth();
        if (balance > 0) {
            long interest = balance / 400;
            return interest > 0 ? new Event(last, Posting.CREDIT, null, interest, "interest") : null;
        }
        return balance < 0 ? new Event(last, Posting.DEBIT, null, Math.max(1, -balance * 8 / 100), "sanction_interest") : null;
    }

    private long append(List<Posting> out, long accountId, Event e, long running, LongSupplier transIds) {
        long balance = Posting.CREDIT.equals(e.type) ? running + e.amount : running - e.amount;
        out.add(new Posting(transIds.getAsLong(), accountId, e.date, e.type, e.operation, e.amount, balance, e.kSymbol,
                postedAt(e.date)));
        return balance;
    }

    private Instant postedAt(LocalDate date) {
        if (live) {
            return recordedAt;
        }
        long seconds = 6 * 3600 + rng.nextInt(17 * 3600);
        if (rng.nextDouble() < lateRate) {
            seconds += (1 + rng.nextInt(4)) * 86_400L;
        }
        Instant at = date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(seconds).plusMillis(rng.nextInt(1000));
        return at.isBefore(recordedAt) ? at : recordedAt.minusMillis(1 + rng.nextInt(1000));
    }

    private List<Event> primaryMonth(YearMonth month) {
        List<Event> events = new ArrayList<>(14);
        long m = monthlyIncome;
        events.add(new Event(day(month, 3, 7), Posting.CREDIT, "CAB", vary(m, 0.03), pensioner ? "pension" : "salary"));
        for (int i = Distributions.poisson(rng, 0.5); i > 0; i--) {
            events.add(new Event(anyDay(month), Posting.CREDIT, "CCK", vary(m / 10, 0.5), null));
        }
        for (int i = Distributions.poisson(rng, 5.5); i > 0; i--) {
            events.add(new Event(anyDay(month), Posting.DEBIT, "CCW", spend(m * 5 / 100), null));
        }
        for (int i = Distributions.poisson(rng, 1.5); i > 0; i--) {
            events.add(new Event(anyDay(month), Posting.DEBIT, "WCA", roundTo(spend(m * 12 / 100), 1000), null));
        }
        events.add(new Event(day(month, 8, 12), Posting.DEBIT, "RAB", vary(m / 4, 0.1), "household"));
        if (rng.nextDouble() < 0.4) {
            events.add(new Event(day(month, 15, 20), Posting.DEBIT, "RAB", vary(m * 4 / 100, 0.05), "insurance"));
        }
        if (loan) {
            events.add(new Event(day(month, 20, 25), Posting.DEBIT, "RAB", vary(m * 15 / 100, 0.01), "loan_payment"));
        }
        events.add(new Event(month.atEndOfMonth().minusDays(1), Posting.DEBIT, null, 14_90 + rng.nextInt(3) * 500L, "statement"));
        return events;
    }

    private List<Event> savingsMonth(YearMonth month) {
        List<Event> events = new ArrayList<>(3);
        if (rng.nextDouble() < 0.7) {
            events.add(new Event(day(month, 5, 10), Posting.CREDIT, "CAB", vary(monthlyIncome / 10, 0.4), "savings"));
        }
        if (rng.nextDouble() < 0.15) {
            events.add(new Event(anyDay(month), Posting.DEBIT, "WCA", roundTo(vary(monthlyIncome / 5, 0.5), 1000), null));
        }
        return events;
    }

    private long spend(long typical) {
        return Math.max(100, (long) (typical * spending * Math.exp(0.5 * Distributions.gaussian(rng) - 0.125)));
    }

    private long vary(long amount, double spread) {
        return Math.max(100, (long) (amount * (1 - spread + 2 * spread * rng.nextDouble())));
    }

    private static long roundTo(long cents, long step) {
        return Math.max(step, cents / step * step);
    }

    private LocalDate anyDay(YearMonth month) {
        return month.atDay(1 + rng.nextInt(month.lengthOfMonth()));
    }

    private LocalDate day(YearMonth month, int from, int to) {
        return month.atDay(Math.min(month.lengthOfMonth(), from + rng.nextInt(to - from + 1)));
    }
}
