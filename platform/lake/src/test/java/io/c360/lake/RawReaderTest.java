package io.c360.lake;

import io.c360.lake.raw.RawBatch;
import io.c360.lake.raw.RawRead;
import io.c360.lake.raw.RawReader;
import io.c360.lake.raw.RawViews;
import io.c360.runtime.TestWorkspace;
import io.c360.runtime.raw.RawManifest;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawReaderTest {

    @TempDir
    static Path workspace;
    static SparkSession spark;
    static SourceDefinitions sources;
    static RawFixtures raw;

    @BeforeAll
    static void start() {
        var config = TestWorkspace.config(workspace);
        spark = LakeSession.open(config);
        sources = SourceDefinitions.from(config);
        raw = new RawFixtures(workspace);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void headerlessCsvWithBomAndCrlfReadsDeclaredColumnsAndFlagsAShortLineWithItsLocation() {
        raw.landText("accounts", "accounts", "file", "delimited", "account1.csv",
                "\uFEFF1,301,WI,2023-08-10T06:39:58.182050\r\n2,71,MI,2022-06-08T06:39:58\r\n3,10\r\n\r\n");

        List<Row> rows = new RawReader(spark).read(sources.entity("accounts", "accounts"), raw.zone.batches("accounts", "accounts"))
                .rows().orderBy("_raw_line").collectAsList();

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).<String>getAs("account_id")).isEqualTo("1");
        assertThat(rows.get(0).<String>getAs("date_of_creation")).isEqualTo("2023-08-10T06:39:58.182050");
        assertThat(rows.get(0).<String>getAs(RawReader.PARSE_ERROR)).isNull();
        assertThat(rows.get(2).<Long>getAs(RawReader.RAW_LINE)).isEqualTo(3L);
        assertThat(rows.get(2).<String>getAs(RawReader.RAW_RECORD)).isEqualTo("3,10");
        assertThat(rows.get(2).<String>getAs(RawReader.SOURCE_FILE)).isEqualTo("account1.csv");
        assertThat(rows.get(2).<String>getAs(RawReader.PARSE_ERROR))
                .isEqualTo("line has 2 fields, expected 4 (account_id,branch_id,frequency,date_of_creation)");
    }

    @Test
    void aFileLargerThanASplitIsReadByParallelTasksWithTheLineNumbersOfTheWholeFile() {
        StringBuilder csv = new StringBuilder();
        int lines = 300_000; // ~13 MB: more than the smallest split of 8 MB
        for (int i = 1; i <= lines; i++) {
            csv.append(i == 150_001 ? "150001,7" : i + ",301,7,OWNER_OF_THE_ACCOUNT_AND_CARDS").append(i % 3 == 0 ? "\r\n" : "\n");
        }
        raw.landText("dispositions", "dispositions", "file", "delimited", "dispositions_large.csv", csv.toString());

        Dataset<Row> rows = new RawReader(spark).read(sources.entity("dispositions", "dispositions"),
                raw.zone.batches("dispositions", "dispositions")).rows();

        assertThat(rows.rdd().getNumPartitions()).isGreaterThan(1);
        assertThat(rows.count()).isEqualTo(lines);
        assertThat(rows.where("CAST(disp_id AS BIGINT) <> _raw_line").count()).isZero();
        Row bad = rows.where(RawReader.PARSE_ERROR + " IS NOT NULL").collectAsList().get(0);
        assertThat(bad.<Long>getAs(RawReader.RAW_LINE)).isEqualTo(150_001L);
    }

    @Test
    void pythonDictLinesAreReadAndNewAndMissingFieldsAreReported() {
        raw.landText("crm", "customers", "file", "jsonl", "crm.json",
                "{'client_id': 7, 'age': None, 'head_of_household_flag': True, 'occupation': \"o'neil\", 'loyalty_tier': 'gold'}\n");

        RawRead read = new RawReader(spark).read(sources.entity("crm", "customers"), raw.zone.batches("crm", "customers"));
        Row r = read.rows().first();

        assertThat(r.<String>getAs("client_id")).isEqualTo("7");
        assertThat(r.<String>getAs("age")).isNull();
        assertThat(r.<String>getAs("head_of_household_flag")).isEqualTo("true");
        assertThat(r.<String>getAs("loyalty_tier")).isEqualTo("gold");
        assertThat(r.<String>getAs("occupation")).isEqualTo("o'neil");
        assertThat(r.<String>getAs(RawReader.PARSE_ERROR)).isNull();
        assertThat(read.missingFields()).contains("email", "address").doesNotContain("client_id", "age");
    }

    @Test
    void theFieldNamesAConnectorRecordedInTheManifestAreTheColumnsWithoutAPassOverTheRecords() {
        raw.landText("web", "sessions", "file", "jsonl", "ga_sessions_20261101.json",
                "{\"fullVisitorId\": \"8\", \"visitId\": 1, \"loyaltyTier\": \"silver\", \"shoeSize\": 42}\n");
        RawBatch landed = raw.zone.batches("web", "sessions").get(0);
        RawManifest m = landed.manifest();
        RawManifest named = new RawManifest(m.batchId(), m.source(), m.entity(), m.connector(), m.format(), m.ingestDate(), m.files(),
                m.recordCount(), m.bytes(), m.schemaFingerprint(), List.of("fullVisitorId", "loyaltyTier", "visitId"), m.watermarkBefore(),
                m.watermarkAfter(), m.startedAt(), m.finishedAt());
        raw.zone.writeManifest(landed.dir(), named);

        RawRead read = new RawReader(spark).read(sources.entity("web", "sessions"), raw.zone.batches("web", "sessions"));

        assertThat(read.rows().columns()).contains("loyaltyTier").doesNotContain("shoeSize");
        assertThat(read.rows().first().<String>getAs("loyaltyTier")).isEqualTo("silver");
    }

    @Test
    void rawViewsAreRegisteredForTheEntitiesAQueryNames() {
        raw.landText("cards", "cards", "file", "delimited", "card.csv", "5536114288494476,46,classic,2022-07-06T06:40:30.549687\n");

        int registered = RawViews.registerReferenced(spark, sources, raw.zone, "SELECT * FROM raw_cards__cards");

        assertThat(registered).isEqualTo(1);
        Row r = spark.sql("SELECT card_id, _batch_id, _raw_line FROM raw_cards__cards").first();
        assertThat(r.getString(0)).isEqualTo("5536114288494476");
        assertThat(r.getString(1)).contains("-cards-cards-");
        assertThat(r.getLong(2)).isEqualTo(1L);
    }
}
