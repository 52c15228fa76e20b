package io.c360.sources;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * The headerless CSV extracts of the bank's systems, in the workshop layouts:
 * {@code account00<stamp>.csv} (account_id,branch_id,frequency,date_of_creation),
 * {@code card00<stamp>.csv} (card_id,disp_id,type,issued_datetime) and
 * {@code dispositions00<stamp>.csv} (disp_id,account_id,client_id,type).
 * A damaged row carries an impossible date (the platform must quarantine it).
 */
final class BankFileWriters implements AutoCloseable {

    private final LandingFile accounts;
    private final LandingFile cards;
    private final LandingFile dispositions;
    private final StringBuilder line = new StringBuilder(96);

    BankFileWriters(Path landing, String stamp) {
        this.accounts = new LandingFile(landing.resolve("accounts"), "account00" + stamp + ".csv");
        this.cards = new LandingFile(landing.resolve("cards"), "card00" + stamp + ".csv");
        this.dispositions = new LandingFile(landing.resolve("dispositions"), "dispositions00" + stamp + ".csv");
    }

    void account(Account a, boolean damaged) {
        line.setLength(0);
        line.append(a.id()).append(',').append(a.branchId()).append(',').append(a.frequency()).append(',');
        accounts.line(timestamp(a.created(), damaged));
    }

    void card(Card c, boolean damaged) {
        line.setLength(0);
        line.append(c.id()).append(',').append(c.dispositionId()).append(',').append(c.type()).append(',');
        cards.line(timestamp(c.issued(), damaged));
    }

    void disposition(Disposition d) {
        line.setLength(0);
        line.append(d.id()).append(',').append(d.accountId()).append(',').append(d.clientId()).append(',').append(d.type());
        dispositions.line(line);
    }

    private StringBuilder timestamp(LocalDateTime t, boolean damaged) {
        String text = CrmCustomerDocument.CREATED.format(t);
        // day 31 of a 30-day month (or Feb 30): looks like a date, is not one
        return line.append(damaged ? text.substring(0, 5) + (t.getMonthValue() == 2 ? "02-30" : "04-31") + text.substring(10) : text);
    }

    long accounts() {
        return accounts.lines();
    }

    long cards() {
        return cards.lines();
    }

    long dispositions() {
        return dispositions.lines();
    }

    @Override
    public void close() {
        accounts.close();
        cards.close();
        dispositions.close();
    }
}
