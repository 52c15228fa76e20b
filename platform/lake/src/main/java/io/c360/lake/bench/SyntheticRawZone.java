package io.c360.lake.bench;

import io.c360.lake.raw.RawBatchWriter;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Writes a synthetic raw zone shaped like the real sources, for the stage benchmark: per customer
 * one CRM record (NDJSON), one account and disposition, half a card, 20 transactions (Parquet),
 * half a retail order line, half a visitor link and a fifth of a web session with three hits.
 * Ids start at {@code firstId}, so a later call adds new records (an incremental batch).
 */
final class SyntheticRawZone {

    static final int TRANSACTIONS_PER_CUSTOMER = 20;
    private static final String[] OCCUPATIONS = {"editor", "butcher", "nurse", "engineer", "teacher", "driver"};

    private final SparkSession spark;
    private final RawBatchWriter writer;
    private final Path scratch;

    SyntheticRawZone(SparkSession spark, RawBatchWriter writer, Path scratch) {
        this.spark = spark;
        this.writer = writer;
        this.scratch = scratch;
    }

    void land(long firstId, long customers) {
        SplittableRandom random = new SplittableRandom(firstId);
        long end = firstId + customers;
        text("crm", "customers", "http", "jsonl", "page.ndjson", null, firstId, end, 1, id -> crm(id, random));
        text("accounts", "accounts", "file", "delimited", "account.csv", null, firstId, end, 1,
                id -> id + "," + (id % 77) + "," + (id % 3 == 0 ? "MI" : id % 3 == 1 ? "WI" : "TI") + ",2023-08-10T06:39:58.182050");
        text("dispositions", "dispositions", "file", "delimited", "dispositions.csv", null, firstId, end, 1,
                id -> id + "," + id + "," + id + "," + (id % 4 == 0 ? "user" : "owner"));
        text("cards", "cards", "file", "delimited", "card.csv", null, firstId, end, 2,
                id -> (4000000000000000L + id) + "," + id + "," + (id % 3 == 0 ? "gold" : "classic") + ",2022-07-06T06:40:30.549687");
        text("retail", "orders", "file", "delimited", "retail.csv",
                "Row_ID,Order_ID,Order_Date,Date_Key,Contact_Name,Country,City,Region,Subregion,Customer,client_id,Industry,Segment,Product,License,Sales,Quantity,Discount,Profit",
                firstId, end, 2, id -> id + ",EMEA-2022-" + id + ",11/9/2022,20221109,Nathan Bell,Ireland,Dublin,EMEA,UKIR,Chevron,"
                        + id + ",Energy,SMB,Marketing Suite,16GRM07R1K,261.96,2,0,41.9136");
        text("web", "visitor_map", "file", "delimited", "ga_visitors.csv", null, firstId, end, 2,
                id -> (8783452123595362116L + id) + "," + id);
        text("web", "sessions", "file", "jsonl", "ga_sessions.json", null, firstId, end, 5, SyntheticRawZone::session);
        transactions(firstId, customers);
    }

    private void text(String source, String entity, String connector, String format, String name, String header,
                      long from, long to, int every, LongFunction<String> line) {
        Path file = scratch.resolve(source + "-" + entity + "-" + from).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                if (header != null) {
                    out.write(header);
                    out.write('\n');
                }
                for (long id = from; id < to; id += every) {
                    out.write(line.apply(id));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic raw file " + file, e);
        }
        writer.land(source, entity, connector, format, List.of(file));
    }

    private void transactions(long firstId, long customers) {
        Path out = scratch.resolve("core-transactions-" + firstId);
        long first = firstId * TRANSACTIONS_PER_CUSTOMER;
        spark.range(first, first + customers * TRANSACTIONS_PER_CUSTOMER).selectExpr(
                        "id AS trans_id", "CAST(id / " + TRANSACTIONS_PER_CUSTOMER + " AS BIGINT) AS account_id",
                        "date_add(DATE'2023-01-01', CAST(id % 600 AS INT)) AS date",
                        "IF(id % 3 = 0, 'credit', 'debit') AS type",
                        "element_at(array('CCW','CCK','CAB','WCA','RAB'), CAST(id % 5 + 1 AS INT)) AS operation",
                        "CAST((id % 9973) / 10.0 AS DECIMAL(14,2)) AS amount",
                        "CAST((id % 99991) / 10.0 AS DECIMAL(14,2)) AS balance",
                        "IF(id % 4 = 0, 'household', NULL) AS k_symbol",
                        "TIMESTAMP'2026-11-20 10:00:00' + make_interval(0, 0, 0, 0, 0, 0, id % 86400) AS updated_at")
                .write().parquet(out.toString());
        try (Stream<Path> files = Files.list(out)) {
            writer.land("core", "transactions", "jdbc", "parquet",
                    files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList(),
                    customers * TRANSACTIONS_PER_CUSTOMER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out, e);
        }
    }

    private static String crm(long id, SplittableRandom random) {
        return String.format(Locale.ROOT, "{\"client_id\": %d, \"birth_date\": \"19%02d-%02d-%02d\", \"age\": %d, "
                        + "\"home_ownership\": \"%s\", \"occupation\": \"%s\", \"marital_status\": \"%s\", "
                        + "\"head_of_household_flag\": \"%s\", \"client_created_date\": \"2023-07-20T06:40:13.494626\", "
                        + "\"first_name\": \" ana \", \"last_name\": \"SOUZA\", \"email\": \"Ana.%d@Example.com\", "
                        + "\"phone\": \"(11) 9%04d-%04d\", \"national_id\": \"529.982.247-25\", \"gender\": \"F\", "
                        + "\"annual_income\": %d.50, \"address\": {\"street\": \"Rua A\", \"number\": \"%d\", "
                        + "\"city\": \"sao paulo\", \"state\": \"SP\", \"postal_code\": \"01310-100\", \"country\": \"BR\"}, "
                        + "\"consents\": {\"email\": true, \"sms\": false, \"phone\": null, \"updated_at\": \"2026-11-01T10:00:00Z\"}, "
                        + "\"preferred_channel\": \"email\", \"updated_at\": \"2026-11-20T10:00:00.000Z\"}",
                id, 40 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28), 20 + random.nextInt(70),
                "ORU".charAt(random.nextInt(3)), OCCUPATIONS[random.nextInt(OCCUPATIONS.length)], "MSD".charAt(random.nextInt(3)),
                random.nextBoolean() ? "Y" : "N", id, random.nextInt(10000), random.nextInt(10000), 20000 + random.nextInt(200000),
                random.nextInt(2000));
    }

    private static String session(long id) {
        long start = 1500925335L + id;
        StringBuilder hits = new StringBuilder();
        for (int h = 1; h <= 3; h++) {
            hits.append(h > 1 ? "," : "").append("{\"hitNumber\":").append(h).append(",\"time\":").append(h * 1000)
                    .append(",\"type\":\"PAGE\",\"page\":{\"pagePath\":\"/home/").append(h)
                    .append("\",\"hostname\":\"www.example.com\",\"pageTitle\":\"Home\"},\"eCommerceAction\":{\"action_type\":\"0\"},")
                    .append("\"product\":[{\"productSKU\":\"SKU").append(id % 100).append("\",\"v2ProductName\":\"Pen\",")
                    .append("\"v2ProductCategory\":\"Office\",\"productPrice\":\"2990000\"}]}");
        }
        return "{\"visitNumber\":1,\"visitId\":" + start + ",\"visitStartTime\":" + start + ",\"date\":\"20170724\","
                + "\"fullVisitorId\":\"" + (8783452123595362116L + id) + "\",\"channelGrouping\":\"Organic Search\","
                + "\"totals\":{\"visits\":1,\"hits\":3,\"pageviews\":3,\"timeOnSite\":20,\"bounces\":null},"
                + "\"trafficSource\":{\"source\":\"google\",\"medium\":\"organic\",\"campaign\":\"(not set)\"},"
                + "\"device\":{\"browser\":\"Chrome\",\"operatingSystem\":\"Windows\",\"isMobile\":false,\"deviceCategory\":\"desktop\"},"
                + "\"geoNetwork\":{\"country\":\"Brazil\",\"region\":\"Sao Paulo\",\"city\":\"Sao Paulo\"},"
                + "\"hits\":[" + hits + "]}";
    }
}
