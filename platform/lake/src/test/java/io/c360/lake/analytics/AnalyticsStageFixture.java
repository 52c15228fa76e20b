package io.c360.lake.analytics;

import org.apache.spark.sql.SparkSession;

/**
 * Hand-made stage tables and identity map for the analytics tests, small enough to compute every
 * metric by hand (see the expectations in {@link AnalyticsModelsTest}). As of 2024-06-30:
 * <ul>
 *   <li>C1 — CRM client 1, owner of account 100 (2020, branch 7) and account 200 (2023, branch 9),
 *       and of account 300 created after the as-of date; two cards; transactions on both accounts
 *       at the window boundaries; one shared-device visitor (V5, also mapped to C5).</li>
 *   <li>C2 — CRM client 2 only: no disposition, no transaction, no order, no visit.</li>
 *   <li>C3 — web visitor V3 only (browses, never buys): two sessions, six hits.</li>
 *   <li>C4 — retail contact only (shops, never browses): two orders before as-of, one after.</li>
 *   <li>C5 — visitor V5 only, which the map also links to C1.</li>
 * </ul>
 */
final class AnalyticsStageFixture {

    static final String AS_OF = "2024-06-30";

    private AnalyticsStageFixture() {
    }

    static void create(SparkSession spark) {
        table(spark, "analytics.customer_identity", "uid STRING, source STRING, entity STRING, record_key STRING, customer_id STRING",
                "('crm:1','crm','customers','1','C1'), ('dsp:1','dispositions','dispositions','1','C1'),"
                        + "('crm:2','crm','customers','2','C2'),"
                        + "('web:V3','web','visitor_map','V3','C3'),"
                        + "('ret:41','retail','orders','41','C4'), ('ret:42','retail','orders','42','C4'),"
                        + "('ret:43','retail','orders','43','C4'), ('ret:44','retail','orders','44','C4'),"
                        + "('web:V5a','web','visitor_map','V5','C1'), ('web:V5b','web','visitor_map','V5','C5')");
        table(spark, "stage.stg_crm__customers", "client_id BIGINT, birth_date DATE, age INT, home_ownership STRING, occupation STRING, "
                        + "marital_status STRING, head_of_household BOOLEAN, client_created_at TIMESTAMP, first_name STRING, last_name STRING, "
                        + "email STRING, phone STRING, national_id STRING, gender STRING, annual_income DECIMAL(14,2), address_city STRING, "
                        + "address_state STRING, address_country STRING, consent_email BOOLEAN, consent_sms BOOLEAN, consent_phone BOOLEAN, "
                        + "preferred_channel STRING, updated_at TIMESTAMP, email_valid BOOLEAN, national_id_valid BOOLEAN",
                "(1, DATE'1980-07-01', 40, 'owner', 'editor', 'married', true, TIMESTAMP'2019-12-01 10:00:00', 'Ana', 'Souza', "
                        + "'ana@example.com', '+5511987654321', '52998224725', 'F', 95000.00, 'Campinas', 'SP', 'BR', false, true, false, 'email', "
                        + "TIMESTAMP'2024-01-01 00:00:00', true, true),"
                        + "(2, DATE'2000-01-15', 24, 'renter', 'student', 'single', false, TIMESTAMP'2023-02-01 10:00:00', 'Bruno', 'Lima', "
                        + "'bruno@example.com', null, null, 'M', null, 'Recife', 'PE', 'BR', null, null, null, null, TIMESTAMP'2024-01-01 00:00:00', true, null)");
        table(spark, "stage.stg_dispositions__dispositions", "disp_id BIGINT, account_id BIGINT, client_id BIGINT, disposition_type STRING",
                "(11, 100, 1, 'owner'), (12, 200, 1, 'owner'), (13, 300, 1, 'owner')");
        table(spark, "stage.stg_accounts__accounts", "account_id BIGINT, branch_id BIGINT, created_at TIMESTAMP",
                "(100, 7, TIMESTAMP'2020-01-10 09:00:00'), (200, 9, TIMESTAMP'2023-05-01 09:00:00'), (300, 5, TIMESTAMP'2024-08-01 09:00:00')");
        table(spark, "stage.stg_cards__cards", "card_id STRING, disp_id BIGINT, card_type STRING, issued_at TIMESTAMP",
                "('4000111122223333', 11, 'classic', TIMESTAMP'2020-02-01 00:00:00'), ('4000111122224444', 12, 'gold', TIMESTAMP'2023-06-01 00:00:00')");
        table(spark, "stage.stg_core__transactions", "trans_id BIGINT, account_id BIGINT, transaction_date DATE, type STRING, operation STRING, "
                        + "amount DECIMAL(14,2), balance DECIMAL(14,2), k_symbol STRING, _batch_id STRING",
                "(1, 100, DATE'2023-06-30', 'credit', null, 170.00, 170.00, null, 'b1'),"
                        + "(2, 100, DATE'2023-07-01', 'debit', null, 50.00, 120.00, null, 'b1'),"
                        + "(3, 100, DATE'2024-03-30', 'credit', null, 500.00, 620.00, null, 'b1'),"
                        + "(4, 100, DATE'2024-03-31', 'debit', null, 200.00, 420.00, null, 'b1'),"
                        + "(5, 100, DATE'2024-06-01', 'debit', null, 300.00, 120.00, null, 'b1'),"
                        + "(6, 100, DATE'2024-06-30', 'credit', null, 1000.00, 1120.00, null, 'b1'),"
                        + "(7, 100, DATE'2024-07-05', 'credit', null, 9999.00, 11119.00, null, 'b1'),"
                        + "(8, 200, DATE'2024-05-01', 'credit', null, 11500.00, 11600.00, null, 'b1'),"
                        + "(9, 200, DATE'2024-06-20', 'debit', null, 12000.00, -400.00, null, 'b1')");
        table(spark, "stage.stg_retail__orders", "row_id BIGINT, order_id STRING, order_date DATE, product STRING, industry STRING, segment STRING, "
                        + "license STRING, sales DECIMAL(14,4), quantity INT, discount DECIMAL(6,4), profit DECIMAL(14,4), country STRING, "
                        + "city STRING, region STRING, contact_email STRING, contact_email_valid BOOLEAN",
                "(41, 'O1', DATE'2024-05-01', 'Alchemy', 'Tech', 'SMB', null, 100, 1, 0, 10, 'BR', 'Recife', 'LATAM', 'Dora@Shop.example', true),"
                        + "(42, 'O1', DATE'2024-05-01', 'Beacon', 'Retail', 'SMB', null, 50, 1, 0, 5, 'BR', 'Recife', 'LATAM', 'Dora@Shop.example', true),"
                        + "(43, 'O2', DATE'2023-01-10', 'Beacon', 'Retail', 'SMB', null, 80, 1, 0, 8, 'BR', 'Recife', 'LATAM', 'Dora@Shop.example', true),"
                        + "(44, 'O3', DATE'2024-07-10', 'Alchemy', 'Tech', 'SMB', null, 999, 1, 0, 99, 'BR', 'Recife', 'LATAM', null, null),"
                        + "(45, 'O4', DATE'2024-05-02', 'Alchemy', 'Tech', 'SMB', null, 70, 1, 0, 7, 'BR', 'Recife', 'LATAM', null, null)");
        table(spark, "stage.stg_web__sessions", "session_id STRING, full_visitor_id STRING, visit_start_at TIMESTAMP, session_date DATE, "
                        + "channel_grouping STRING, traffic_source STRING, traffic_medium STRING, campaign STRING, device_category STRING, "
                        + "is_mobile BOOLEAN, country STRING, region STRING, city STRING, hits INT, pageviews INT, time_on_site_seconds INT, "
                        + "bounced BOOLEAN, transactions INT, transaction_revenue DECIMAL(26,6)",
                "('V3-1', 'V3', TIMESTAMP'2024-06-10 12:00:00', DATE'2024-06-10', 'Paid Search', 'google', 'cpc', 'summer', 'mobile', true, "
                        + "'BR', null, null, 4, 3, 120, false, 0, null),"
                        + "('V3-2', 'V3', TIMESTAMP'2024-01-05 08:00:00', DATE'2024-01-05', 'Direct', '(direct)', null, null, 'desktop', false, "
                        + "'BR', null, null, 2, 2, 60, false, 0, null),"
                        + "('V5-1', 'V5', TIMESTAMP'2024-06-11 12:00:00', DATE'2024-06-11', 'Referral', 'bank.example', 'referral', null, "
                        + "'desktop', false, 'BR', null, null, 2, 2, 30, false, 0, null),"
                        + "('V9-1', 'V9', TIMESTAMP'2024-06-12 12:00:00', DATE'2024-06-12', 'Direct', '(direct)', null, null, 'desktop', false, "
                        + "'BR', null, null, 1, 1, 0, true, 0, null),"
                        + "('V3-3', 'V3', TIMESTAMP'2024-07-02 12:00:00', DATE'2024-07-02', 'Direct', '(direct)', null, 'late', 'mobile', true, "
                        + "'BR', null, null, 1, 1, 0, true, 0, null)");
        table(spark, "stage.stg_web__hits", "session_id STRING, hit_number INT, full_visitor_id STRING, hit_at TIMESTAMP, hit_type STRING, "
                        + "is_entrance BOOLEAN, is_exit BOOLEAN, page_path STRING, page_title STRING, ecommerce_action_type INT, "
                        + "transaction_id STRING, product_count INT, product_skus ARRAY<STRING>, product_categories ARRAY<STRING>, "
                        + "product_price_total DECIMAL(38,6)",
                hit("V3-1", 1, "V3", "page", "/home") + "," + hit("V3-1", 2, "V3", "page", "/home") + ","
                        + hit("V3-1", 3, "V3", "page", "/shop") + "," + hit("V3-1", 4, "V3", "event", "/shop") + ","
                        + hit("V3-2", 1, "V3", "page", "/home") + "," + hit("V3-2", 2, "V3", "page", "/cart") + ","
                        + hit("V5-1", 1, "V5", "page", "/loans") + "," + hit("V5-1", 2, "V5", "page", "/loans") + ","
                        + hit("V9-1", 1, "V9", "page", "/home") + "," + hit("V3-3", 1, "V3", "page", "/late"));
    }

    private static String hit(String session, int n, String visitor, String type, String path) {
        return "('" + session + "', " + n + ", '" + visitor + "', null, '" + type + "', " + (n == 1) + ", false, '" + path
                + "', null, null, null, 0, array(), array(), null)";
    }

    static void table(SparkSession spark, String name, String columns, String values) {
        spark.sql("DROP TABLE IF EXISTS " + name);
        spark.sql("CREATE TABLE " + name + " (" + columns + ") USING iceberg");
        spark.sql("INSERT INTO " + name + " VALUES " + values);
    }
}
