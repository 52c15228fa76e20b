package io.c360.sources;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The core-banking ("mainframe") database: table {@code transactions} exactly as
 * docs/architecture.md fixes it. The history is bulk-loaded with COPY; continuous mode inserts new
 * postings and corrects recent ones (re-posting the balances after them).
 */
public final class CoreBankingDatabase {

    public static final String DATABASE = "core_banking";
    private static final String COLUMNS = "trans_id, account_id, date, type, operation, amount, balance, k_symbol, updated_at";

    private final DataSource dataSource;

    public CoreBankingDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Drops all transactions; the table is created without indexes so that the bulk load is fast. */
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS transactions");
            s.execute("""
                    CREATE TABLE transactions (
                      trans_id   BIGINT NOT NULL,
                      account_id BIGINT NOT NULL,
                      date       DATE NOT NULL,
                      type       TEXT NOT NULL,
                      operation  TEXT,
                      amount     NUMERIC(14,2) NOT NULL,
                      balance    NUMERIC(14,2) NOT NULL,
                      k_symbol   TEXT,
                      updated_at TIMESTAMPTZ NOT NULL
                    )""");
        }
    }

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    CopyStream bulkLoad(Connection connection) throws SQLException {
        return new CopyStream(connection, "COPY transactions (" + COLUMNS + ") FROM STDIN");
    }

    static void write(CopyStream copy, Posting p) throws SQLException {
        copy.field(p.transId()).field(p.accountId()).field(p.date().toString()).field(p.type()).field(p.operation())
                .cents(p.amount()).cents(p.balance()).field(p.kSymbol()).instant(p.updatedAt());
        copy.endRow();
    }

    /** Adds the contract's primary key and watermark index after the bulk load. */
    void finishLoad() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE transactions ADD PRIMARY KEY (trans_id)");
            s.execute("CREATE INDEX transactions_updated ON transactions (updated_at, trans_id)");
            s.execute("ANALYZE transactions");
        }
    }

    /** The simulator's own lookup index (latest posting per account), built when continuous mode starts. */
    void prepareForUpdates() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS transactions_account ON transactions (account_id, trans_id)");
        }
    }

    /** Latest balance (cents) of each of the accounts that has postings. */
    Map<Long, Long> latestBalances(long[] accountIds) throws SQLException {
        String sql = "SELECT DISTINCT ON (account_id) account_id, balance FROM transactions WHERE account_id = ANY (?)"
                + " ORDER BY account_id, trans_id DESC";
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("bigint", Arrays.stream(accountIds).boxed().toArray(Long[]::new)));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getBigDecimal(2).movePointRight(2).longValueExact());
                }
            }
        }
        return out;
    }

    void insert(List<Posting> postings) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("INSERT INTO transactions (" + COLUMNS + ") VALUES (?,?,?,?,?,?::numeric,?::numeric,?,?)")) {
            for (Posting p : postings) {
                u.setLong(1, p.transId());
                u.setLong(2, p.accountId());
                u.setObject(3, p.date());
                u.setString(4, p.type());
                u.setString(5, p.operation());
                u.setString(6, Money.format(p.amount()));
                u.setString(7, Money.format(p.balance()));
                u.setString(8, p.kSymbol());
                u.setObject(9, CrmStore.utc(p.updatedAt()));
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    /**
     * Corrects the amount of the latest posting of the account by {@code deltaCents} (a credit
     * grows, a debit shrinks the balance) and re-posts its balance: all rows touched get
     * {@code updatedAt}. Returns the trans_id corrected, or -1 when the account has no postings.
     */
    long correctLatest(long accountId, long deltaCents, Instant updatedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT trans_id, type, amount FROM transactions WHERE account_id = ? ORDER BY trans_id DESC LIMIT 1")) {
            q.setLong(1, accountId);
            long transId;
            long amount;
            boolean credit;
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                transId = rs.getLong(1);
                credit = Posting.CREDIT.equals(rs.getString(2));
                amount = rs.getBigDecimal(3).movePointRight(2).longValueExact();
            }
            long newAmount = Math.max(1, amount + deltaCents);
            long balanceShift = credit ? newAmount - amount : amount - newAmount;
            try (PreparedStatement u = c.prepareStatement("UPDATE transactions SET amount = ?::numeric, balance = balance + ?::numeric,"
                    + " updated_at = ? WHERE trans_id = ?")) {
                u.setString(1, Money.format(newAmount));
                u.setString(2, Money.format(balanceShift));
                u.setObject(3, CrmStore.utc(updatedAt));
                u.setLong(4, transId);
                u.executeUpdate();
            }
            return transId;
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM transactions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every posting of the given accounts in trans_id order (tests and inspections of small data). */
    List<Posting> postingsOf(long fromAccount, long toAccount) throws SQLException {
        List<Posting> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM transactions WHERE account_id BETWEEN ? AND ? ORDER BY account_id, trans_id")) {
            q.setLong(1, fromAccount);
            q.setLong(2, toAccount);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Posting(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6).movePointRight(2).longValueExact(),
                            rs.getBigDecimal(7).movePointRight(2).longValueExact(), rs.getString(8),
                            rs.getObject(9, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }
}
