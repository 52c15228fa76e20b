package io.c360.identity;

import io.c360.lake.LakeSession;
import io.c360.runtime.TestWorkspace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

/** Survivorship rules of the golden record and the SCD type 2 history of analytics.dim_customer. */
class GoldenRecordTest {

    @TempDir
    static Path workspace;
    private static SparkSession spark;
    private static final IdentityMapping MAPPING = IdentityMapping.lakeDefault();

    @BeforeAll
    static void start() {
        spark = LakeSession.open(TestWorkspace.config(workspace));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void survivorshipRulesPickTheDeclaredValues() {
        Row ana = GoldenRecord.build(records("ana@crm.com", true), MAPPING.survivorship())
                .where(col("customer_id").equalTo("C1")).first();
        assertThat(ana.<String>getAs("first_name")).isEqualTo("ana");           // source priority: crm before retail
        assertThat(ana.<String>getAs("email")).isEqualTo("ana@crm.com");
        assertThat(ana.<String>getAs("phone")).isEqualTo("11987654321");        // most complete
        assertThat(ana.<String>getAs("birth_date")).isEqualTo("1980-01-02");    // most frequent
        assertThat(ana.<String>getAs("city")).isEqualTo("recife");
        assertThat(ana.<scala.collection.Map<String, String>>getAs("value_records").get("email").get()).isEqualTo("crm|customers|1");
        assertThat(ana.<scala.collection.Map<String, String>>getAs("value_records").get("phone").get()).isEqualTo("crm|customers|1");
    }

    @Test
    void dimCustomerKeepsAnScd2History() {
        spark.sql("DROP TABLE IF EXISTS " + DimCustomer.TABLE + " PURGE");
        Timestamp t1 = Timestamp.valueOf("2026-01-01 00:00:00");
        Timestamp t2 = Timestamp.valueOf("2026-02-01 00:00:00");
        Timestamp t3 = Timestamp.valueOf("2026-03-01 00:00:00");
        DimCustomer.update(spark, records("ana@crm.com", true), MAPPING.survivorship(), t1);
        assertThat(rows("is_current")).extracting(r -> r.getString(0) + " " + r.getString(1))
                .containsExactlyInAnyOrder("C1 new customer", "C2 new customer");

        DimCustomer.update(spark, records("ana@new.com", true), MAPPING.survivorship(), t2);
        List<Row> c1 = spark.table(DimCustomer.TABLE).where("customer_id = 'C1'").orderBy("valid_from").collectAsList();
        assertThat(c1).hasSize(2);
        assertThat(c1.get(0).<Timestamp>getAs("valid_to")).isEqualTo(t2);
        assertThat(c1.get(0).<Boolean>getAs("is_current")).isFalse();
        assertThat(c1.get(0).<String>getAs("end_reason")).isEqualTo("changed: email");
        assertThat(c1.get(1).<String>getAs("email")).isEqualTo("ana@new.com");
        assertThat(c1.get(1).<String>getAs("change_reason")).isEqualTo("changed: email");
        assertThat(c1.get(1).<Timestamp>getAs("valid_from")).isEqualTo(t2);
        Row c2 = spark.table(DimCustomer.TABLE).where("customer_id = 'C2'").first();
        assertThat(c2.<Timestamp>getAs("valid_from")).isEqualTo(t1);
        assertThat(c2.<Boolean>getAs("is_current")).isTrue();

        DimCustomer.update(spark, records("ana@new.com", false), MAPPING.survivorship(), t3);
        assertThat(rows("is_current")).extracting(r -> r.getString(0)).containsExactly("C1");
        Row gone = spark.table(DimCustomer.TABLE).where("customer_id = 'C2'").first();
        assertThat(gone.<Boolean>getAs("is_current")).isFalse();
        assertThat(gone.<Timestamp>getAs("valid_to")).isEqualTo(t3);
        assertThat(gone.<String>getAs("end_reason")).isEqualTo("no longer in any source");
        assertThat(spark.table(DimCustomer.TABLE).count()).isEqualTo(3);
    }

    @Test
    void anUpdateRebuildsOnlyTheCustomersWhoseRecordsChanged() {
        spark.sql("DROP TABLE IF EXISTS " + DimCustomer.TABLE + " PURGE");
        assertThat(DimCustomer.update(spark, records("ana@crm.com", true), MAPPING.survivorship(), Timestamp.valueOf("2026-01-01 00:00:00")))
                .isEqualTo(2);
        List<Row> before = spark.table(DimCustomer.TABLE).orderBy("customer_id").collectAsList();

        assertThat(DimCustomer.update(spark, records("ana@crm.com", true), MAPPING.survivorship(), Timestamp.valueOf("2026-02-01 00:00:00")))
                .isZero();
        assertThat(spark.table(DimCustomer.TABLE).orderBy("customer_id").collectAsList()).isEqualTo(before);

        // a new retail record of C1 whose values win nothing: C1's row is refreshed in place (no new version), C2 untouched
        Dataset<Row> withExtra = records("ana@crm.com", true).unionByName(records("ana@crm.com", false)
                .where(col("uid").equalTo("retail|orders|r2")).withColumn("uid", lit("retail|orders|r9")));
        assertThat(DimCustomer.update(spark, withExtra, MAPPING.survivorship(), Timestamp.valueOf("2026-03-01 00:00:00"))).isEqualTo(1);
        assertThat(spark.table(DimCustomer.TABLE).count()).isEqualTo(2);
        Row c1 = spark.table(DimCustomer.TABLE).where("customer_id = 'C1'").first();
        assertThat(c1.<Long>getAs("members_hash")).isNotEqualTo(before.get(0).<Long>getAs("members_hash"));
        assertThat(c1.<Timestamp>getAs("valid_from")).isEqualTo(Timestamp.valueOf("2026-01-01 00:00:00"));
        assertThat(spark.table(DimCustomer.TABLE).where("customer_id = 'C2'").first()).isEqualTo(before.get(1));
        assertThat(DimCustomer.update(spark, withExtra, MAPPING.survivorship(), Timestamp.valueOf("2026-04-01 00:00:00"))).isZero();
    }

    private static List<Row> rows(String where) {
        return spark.table(DimCustomer.TABLE).where(where).select("customer_id", "change_reason").collectAsList();
    }

    /** C1: a CRM record and two retail records; C2 (optional): a retail-only customer. */
    private static Dataset<Row> records(String crmEmail, boolean withC2) {
        StructType schema = new StructType().add("uid", DataTypes.StringType).add("source", DataTypes.StringType)
                .add("customer_id", DataTypes.StringType);
        for (String f : IdentityMapping.FIELDS) {
            schema = schema.add(f, DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        rows.add(row("crm|customers|1", "crm", "C1", "ana", "souza", "1980-01-01", crmEmail, "11987654321", "recife"));
        rows.add(row("retail|orders|r1", "retail", "C1", "anna", "souza", "1980-01-02", "ana@shop.com", null, "olinda"));
        rows.add(row("retail|orders|r2", "retail", "C1", null, null, "1980-01-02", "ana@shop.com", "987654321", null));
        if (withC2) {
            rows.add(row("retail|orders|r3", "retail", "C2", "bob", "lima", null, "bob@x.com", null, "natal"));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static Row row(String uid, String source, String customer, String first, String last, String birth, String email,
                           String phone, String city) {
        // FIELDS order: first_name, last_name, birth_date, email, phone, national_id, street, city, state, postal_code, country
        return RowFactory.create(uid, source, customer, first, last, birth, email, phone, null, null, city, null, null, null);
    }
}
