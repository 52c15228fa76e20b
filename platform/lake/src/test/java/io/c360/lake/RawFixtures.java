package io.c360.lake;

import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawBatchWriter;
import io.c360.lake.raw.RawZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Builds raw batches for tests: workshop files, hand-made CRM NDJSON pages, Parquet transactions. */
final class RawFixtures {

    static final Path WORKSHOP = Path.of(System.getProperty("c360.workshop.fixtures"));

    final Path workspace;
    final RawZone zone;
    private final RawBatchWriter writer;

    RawFixtures(Path workspace) {
        this.workspace = workspace;
        this.zone = new RawZone(workspace.resolve("raw"));
        this.writer = new RawBatchWriter(zone);
    }

    /** Every workshop file in its source/entity. */
    void landWorkshop() {
        workshopFile("account", "accounts", "accounts");
        workshopFile("card", "cards", "cards");
        workshopFile("dispositions", "dispositions", "dispositions");
        workshopFile("visitors", "web", "visitor_map");
        workshopFile("retail", "retail", "orders");
        workshopFile("crm", "crm", "customers");
        try (Stream<Path> s = Files.list(WORKSHOP.resolve("web_analytics"))) {
            writer.land("web", "sessions", "file", "jsonl", s.sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void workshopFile(String folder, String source, String entity) {
        try (Stream<Path> s = Files.list(WORKSHOP.resolve(folder))) {
            String format = source.equals("crm") ? "jsonl" : "delimited";
            writer.land(source, entity, "file", format, s.sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CRM API page as NDJSON lines. */
    RawBatch landCrmPage(String... lines) {
        return landText("crm", "customers", "http", "jsonl", "page-0001.ndjson", String.join("\n", lines) + "\n");
    }

    RawBatch landText(String source, String entity, String connector, String format, String fileName, String content) {
        try {
            Path tmp = Files.createTempDirectory(workspace, "landing").resolve(fileName);
            Files.writeString(tmp, content);
            return writer.land(source, entity, connector, format, List.of(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC extract of transactions written as Parquet by Spark. */
    RawBatch landTransactions(SparkSession spark, String valuesSql) {
        try {
            Path tmp = Files.createTempDirectory(workspace, "extract");
            Dataset<Row> df = spark.sql("SELECT trans_id, account_id, date, type, operation, amount, balance, k_symbol, "
                    + "updated_at FROM VALUES " + valuesSql
                    + " AS t(trans_id, account_id, date, type, operation, amount, balance, k_symbol, updated_at)");
            df.coalesce(1).write().parquet(tmp.resolve("out").toString());
            try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
                return writer.land("core", "transactions", "jdbc", "parquet",
                        s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String crmCustomer(long id, String firstName, String email, String phone, String cpf, String updatedAt, String extra) {
        return "{\"client_id\": " + id + ", \"birth_date\": \"1980-02-03\", \"age\": 46, \"home_ownership\": \"O\", "
                + "\"occupation\": \" Editor \", \"marital_status\": \"M\", \"head_of_household_flag\": \"Y\", "
                + "\"client_created_date\": \"2024-01-04T06:40:13.494661\", \"first_name\": \"" + firstName + "\", "
                + "\"last_name\": \"  da silva \", \"email\": \"" + email + "\", \"phone\": \"" + phone + "\", "
                + "\"national_id\": \"" + cpf + "\", \"gender\": \"F\", \"annual_income\": 85000.5, "
                + "\"address\": {\"street\": \"Rua A\", \"number\": \"10\", \"city\": \"sao paulo\", \"state\": \"sp\", "
                + "\"postal_code\": \"01310-100\", \"country\": \"BR\"}, "
                + "\"consents\": {\"email\": true, \"sms\": false, \"phone\": null, \"updated_at\": \"2026-11-01T10:00:00Z\"}, "
                + "\"preferred_channel\": \"Email\", \"updated_at\": \"" + updatedAt + "\"" + extra + "}";
    }
}
