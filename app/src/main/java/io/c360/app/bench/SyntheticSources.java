package io.c360.app.bench;

import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntFunction;

/**
 * The ingest benchmark's own load when no simulator output is at hand: the core-banking table
 * (100 transactions per customer, bulk-loaded with COPY) and landing files of every file source
 * in their documented layouts (several hundred MB for 100,000 customers).
 */
final class SyntheticSources {

    private static final int ROWS_PER_FILE = 250_000;

    private SyntheticSources() {
    }

    static void transactions(PostgresService postgres, long rows, Progress progress) throws SQLException, IOException {
        Progress.Step step = progress.start("generate core_banking.transactions", "rows");
        try (Connection c = postgres.connect("core_banking"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS transactions");
            s.execute("CREATE TABLE transactions (trans_id BIGINT, account_id BIGINT NOT NULL, date DATE NOT NULL, "
                    + "type TEXT NOT NULL, operation TEXT, amount NUMERIC(14,2) NOT NULL, balance NUMERIC(14,2) NOT NULL, "
                    + "k_symbol TEXT, updated_at TIMESTAMPTZ NOT NULL)");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY transactions FROM STDIN WITH (FORMAT csv)", new RowStream(rows, step));
            s.execute("ALTER TABLE transactions ADD PRIMARY KEY (trans_id)");
            s.execute("CREATE INDEX transactions_updated ON transactions (updated_at, trans_id)");
            s.execute("ANALYZE transactions");
        }
        step.done();
    }

    /** CSV rows of the transactions table, generated as COPY reads them. */
    private static final class RowStream extends InputStream {
        private final long rows;
        private final Progress.Step step;
        private long next = 1;
        private byte[] chunk = new byte[0];
        private int pos;

        RowStream(long rows, Progress.Step step) {
            this.rows = rows;
            this.step = step;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length && !fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() {
            if (next > rows) {
                return false;
            }
            StringBuilder sb = new StringBuilder(1 << 20);
            long end = Math.min(rows, next + 9_999);
            for (long id = next; id <= end; id++) {
                long micros = id * 37;
                sb.append(id).append(',').append(id % 120_000).append(",2024-").append(1 + id % 12 < 10 ? "0" : "")
                        .append(1 + id % 12).append("-1").append(id % 9).append(id % 2 == 0 ? ",credit,CCW," : ",debit,WCA,")
                        .append(id % 5000).append('.').append(10 + id % 90).append(',').append(1000 + id % 90_000).append(".00,SIPO,")
                        .append("2026-01-01 00:").append(two(micros / 60_000_000 % 60)).append(':')
                        .append(two(micros / 1_000_000 % 60)).append('.').append(String.format("%06d", micros % 1_000_000))
                        .append("+00\n");
            }
            step.add(end - next + 1);
            next = end + 1;
            chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        private static String two(long v) {
            return v < 10 ? "0" + v : Long.toString(v);
        }
    }

    static void files(Path landing, int customers, Progress progress) throws IOException {
        Progress.Step step = progress.start("generate landing files", "bytes");
        write(landing.resolve("accounts"), "account00", customers, i -> i + "," + (i % 77) + ",MI,2023-08-10T06:39:58.182050\n", null, step);
        write(landing.resolve("cards"), "card00", customers * 3 / 2,
                i -> (5_000_000_000_000_000L + i) + "," + i + ",classic,2022-07-06T06:40:30.549687\n", null, step);
        write(landing.resolve("dispositions"), "dispositions00", customers * 6 / 5,
                i -> i + "," + (i % customers) + "," + (100_000 + i % customers) + ",owner\n", null, step);
        write(landing.resolve("retail"), "retail00", customers * 10,
                i -> i + ",EMEA-2022-" + (100_000 + i / 3) + ",11/9/2022,20221109,Nathan Bell,Ireland,Dublin,EMEA,UKIR,Chevron,"
                        + (100_000 + i % customers) + ",Energy,SMB,Marketing Suite,16GRM07R1K,261.96,2,0,41.9136,nathan" + i + "@example.com\n",
                "Row_ID,Order_ID,Order_Date,Date_Key,Contact_Name,Country,City,Region,Subregion,Customer,client_id,Industry,"
                        + "Segment,Product,License,Sales,Quantity,Discount,Profit,Contact_Email\n", step);
        write(landing.resolve("web"), "ga_visitors00", customers, i -> (8_000_000_000_000_000_000L + i) + "," + (100_000 + i) + "\n", null, step);
        write(landing.resolve("web"), "ga_sessions_", customers, SyntheticSources::session, null, step);
        step.done();
    }

    private static String session(int i) {
        String hit = "{\"hitNumber\":%d,\"time\":0,\"hour\":14,\"isInteraction\":true,\"page\":{\"pagePath\":\"/home\",\"hostname\":\"shop.example.com\","
                + "\"pageTitle\":\"Home\"},\"eCommerceAction\":{\"action_type\":\"0\",\"step\":1},\"product\":[],\"type\":\"PAGE\"}";
        StringBuilder hits = new StringBuilder();
        for (int h = 1; h <= 6; h++) {
            hits.append(h > 1 ? "," : "").append(String.format(hit, h));
        }
        return "{\"visitorId\":null,\"visitNumber\":1,\"visitId\":" + (1_500_000_000L + i) + ",\"visitStartTime\":" + (1_500_000_000L + i)
                + ",\"date\":\"20170724\",\"totals\":{\"visits\":1,\"hits\":6,\"pageviews\":6,\"timeOnSite\":120,\"bounces\":null},"
                + "\"trafficSource\":{\"campaign\":\"(not set)\",\"source\":\"google\",\"medium\":\"organic\",\"keyword\":\"(not provided)\"},"
                + "\"device\":{\"browser\":\"Chrome\",\"operatingSystem\":\"Android\",\"isMobile\":true,\"deviceCategory\":\"mobile\"},"
                + "\"geoNetwork\":{\"continent\":\"Americas\",\"country\":\"Brazil\",\"city\":\"not available in demo dataset\"},"
                + "\"customDimensions\":[{\"index\":4,\"value\":\"South America\"}],\"hits\":[" + hits + "],\"fullVisitorId\":\""
                + (8_000_000_000_000_000_000L + i) + "\",\"channelGrouping\":\"Organic Search\",\"socialEngagementType\":\"Not Socially Engaged\"}\n";
    }

    private static void write(Path dir, String prefix, int rows, IntFunction<String> row, String header, Progress.Step step) throws IOException {
        Files.createDirectories(dir);
        String suffix = prefix.startsWith("ga_sessions") ? ".json" : ".csv";
        for (int file = 0; file * ROWS_PER_FILE < rows; file++) {
            String name = prefix.startsWith("ga_sessions") ? prefix + (20170701 + file) + suffix
                    : String.format("%s20260101-%06d%s", prefix, file, suffix);
            Path tmp = dir.resolve(name + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (header != null) {
                    out.write(header);
                }
                for (int i = file * ROWS_PER_FILE; i < Math.min(rows, (file + 1) * ROWS_PER_FILE); i++) {
                    out.write(row.apply(i));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            step.add(Files.size(tmp));
            Files.move(tmp, dir.resolve(name));
        }
    }
}
