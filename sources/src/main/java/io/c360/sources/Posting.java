package io.c360.sources;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the core-banking {@code transactions} table. Amounts in cents; {@code balance} is the
 * account's running balance after this posting (postings of an account in trans_id order).
 */
record Posting(long transId, long accountId, LocalDate date, String type, String operation, long amount,
               long balance, String kSymbol, Instant updatedAt) {

    static final String CREDIT = "credit";
    static final String DEBIT = "debit";

    boolean credit() {
        return CREDIT.equals(type);
    }
}
