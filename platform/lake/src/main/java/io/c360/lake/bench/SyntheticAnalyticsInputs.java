package io.c360.lake.bench;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic inputs of the analytics zone for N customers: the stage tables the analytics models
 * read and {@code analytics.customer_identity}, written straight with Spark SQL (no raw zone, no
 * identity run), so the analytics models and the profile publisher can be measured on their own.
 * Every customer has a CRM record; 90% hold one or two accounts (24 transactions a year each, a
 * card on half of them), 30% shop (three order lines), 60% browse (five sessions of six hits).
 * Values are deterministic functions of the customer number. Only for empty scratch workspaces:
 * it replaces those tables.
 */
public final class SyntheticAnalyticsInputs {

    public static final String AS_OF = "2024-06-30";
    private final SparkSession spark;

    public SyntheticAnalyticsInputs(SparkSession spark) {
        this.spark = spark;
    }

    /** Writes the tables; returns each table's row count. */
    public Map<String, Long> write(long customers) {
        spark.range(1, customers + 1).createOrReplaceTempView("synthetic_customers");
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("stage.stg_crm__customers", """
                SELECT id AS client_id, date_add(DATE'1940-01-01', cast(id * 7919 % 25000 AS INT)) AS birth_date,
                  cast(null AS INT) AS age, element_at(array('owner','renter','unknown'), cast(id % 3 + 1 AS INT)) AS home_ownership,
                  element_at(array('editor','nurse','engineer','teacher'), cast(id % 4 + 1 AS INT)) AS occupation,
                  element_at(array('married','single','divorced'), cast(id % 3 + 1 AS INT)) AS marital_status,
                  id % 2 = 0 AS head_of_household, timestamp_seconds(1420070400 + id * 997 % 250000000) AS client_created_at,
                  concat('First', id) AS first_name, concat('Last', id) AS last_name, concat('c', id, '@example.com') AS email,
                  true AS email_valid, concat('+55119', lpad(cast(id AS STRING), 8, '0')) AS phone,
                  lpad(cast(id AS STRING), 11, '0') AS national_id, true AS national_id_valid,
                  element_at(array('F','M'), cast(id % 2 + 1 AS INT)) AS gender, cast(id * 37 % 250000 AS DECIMAL(14,2)) AS annual_income,
                  'Campinas' AS address_city, element_at(array('SP','RJ','MG','PE'), cast(id % 4 + 1 AS INT)) AS address_state,
                  'BR' AS address_country, id % 2 = 0 AS consent_email, id % 3 = 0 AS consent_sms, id % 5 = 0 AS consent_phone,
                  element_at(array('email','sms','phone'), cast(id % 3 + 1 AS INT)) AS preferred_channel,
                  TIMESTAMP'2024-01-01 00:00:00' AS updated_at
                FROM synthetic_customers""");
        tables.put("stage.stg_accounts__accounts", """
                SELECT id * 2 + n AS account_id, id % 77 AS branch_id,
                  timestamp_seconds(1262304000 + (id * 2 + n) * 7907 % 440000000) AS created_at
                FROM synthetic_customers LATERAL VIEW explode(sequence(0, CASE WHEN id % 5 = 0 THEN 1 ELSE 0 END)) a AS n
                WHERE id % 10 <> 0""");
        tables.put("stage.stg_dispositions__dispositions", """
                SELECT account_id AS disp_id, account_id, div(account_id, 2) AS client_id, 'owner' AS disposition_type
                FROM stage.stg_accounts__accounts""");
        tables.put("stage.stg_cards__cards", """
                SELECT cast(4000000000000000 + account_id AS STRING) AS card_id, account_id AS disp_id,
                  element_at(array('classic','gold','junior'), cast(account_id % 3 + 1 AS INT)) AS card_type,
                  created_at AS issued_at
                FROM stage.stg_accounts__accounts WHERE account_id % 2 = 0""");
        tables.put("stage.stg_core__transactions", """
                SELECT account_id * 100 + n AS trans_id, account_id,
                  date_sub(DATE'2024-06-30', cast(n * 15 + account_id % 15 AS INT)) AS transaction_date,
                  CASE WHEN (n + account_id) % 3 = 0 THEN 'credit' ELSE 'debit' END AS type, cast(null AS STRING) AS operation,
                  cast((account_id * 31 + n * 17) % 15000 AS DECIMAL(14,2)) AS amount,
                  cast((account_id * 13 + n * 29) % 20000 - 2000 AS DECIMAL(14,2)) AS balance, cast(null AS STRING) AS k_symbol
                FROM stage.stg_accounts__accounts LATERAL VIEW explode(sequence(0, 47)) t AS n""");
        tables.put("stage.stg_retail__orders", """
                SELECT id * 10 + n AS row_id, concat('O', id, '-', n % 2) AS order_id,
                  date_sub(DATE'2024-06-30', cast((id * 11 + n * 90) % 700 AS INT)) AS order_date,
                  element_at(array('Alchemy','Beacon','ContactMatcher','Data Smasher'), cast((id + n) % 4 + 1 AS INT)) AS product,
                  element_at(array('Tech','Retail','Finance'), cast(id % 3 + 1 AS INT)) AS industry, 'SMB' AS segment,
                  cast(null AS STRING) AS license, cast(id % 900 + n * 10 AS DECIMAL(14,4)) AS sales, 1 AS quantity,
                  cast(0 AS DECIMAL(6,4)) AS discount, cast(id % 90 AS DECIMAL(14,4)) AS profit, 'BR' AS country,
                  'Recife' AS city, 'LATAM' AS region, concat('c', id, '@example.com') AS contact_email, true AS contact_email_valid
                FROM synthetic_customers LATERAL VIEW explode(sequence(0, 2)) o AS n
                WHERE id % 10 < 3""");
        tables.put("stage.stg_web__sessions", """
                SELECT concat('V', id, '-', n) AS session_id, concat('V', id) AS full_visitor_id,
                  timestamp_seconds(1688169600 + (id * 5 + n) * 104729 % 31536000) AS visit_start_at,
                  to_date(timestamp_seconds(1688169600 + (id * 5 + n) * 104729 % 31536000)) AS session_date,
                  'Organic Search' AS channel_grouping, element_at(array('google','(direct)','bank.example'), cast(n % 3 + 1 AS INT)) AS traffic_source,
                  'organic' AS traffic_medium, CASE WHEN n = 0 THEN 'spring' END AS campaign,
                  CASE WHEN (id + n) % 3 = 0 THEN 'mobile' ELSE 'desktop' END AS device_category, (id + n) % 3 = 0 AS is_mobile,
                  'BR' AS country, cast(null AS STRING) AS region, cast(null AS STRING) AS city, 6 AS hits, 4 AS pageviews,
                  60 AS time_on_site_seconds, false AS bounced, 0 AS transactions, cast(null AS DECIMAL(26,6)) AS transaction_revenue
                FROM synthetic_customers LATERAL VIEW explode(sequence(0, 4)) s AS n
                WHERE id % 10 >= 4""");
        tables.put("stage.stg_web__hits", """
                SELECT s.session_id, h AS hit_number, s.full_visitor_id, s.visit_start_at AS hit_at,
                  CASE WHEN h <= 4 THEN 'page' ELSE 'event' END AS hit_type, h = 1 AS is_entrance, h = 6 AS is_exit,
                  element_at(array('/home','/cards','/loans','/home','/contact','/home'), h) AS page_path,
                  cast(null AS STRING) AS page_title, cast(null AS INT) AS ecommerce_action_type, cast(null AS STRING) AS transaction_id,
                  0 AS product_count, cast(array() AS ARRAY<STRING>) AS product_skus, cast(array() AS ARRAY<STRING>) AS product_categories,
                  cast(null AS DECIMAL(38,6)) AS product_price_total
                FROM stage.stg_web__sessions s LATERAL VIEW explode(sequence(1, 6)) x AS h""");
        tables.put("analytics.customer_identity", """
                SELECT concat(source, ':', record_key) AS uid, source, entity, record_key, format_string('C%010d', id) AS customer_id
                FROM (
                  SELECT id, 'crm' AS source, 'customers' AS entity, cast(id AS STRING) AS record_key FROM synthetic_customers
                  UNION ALL SELECT client_id, 'dispositions', 'dispositions', cast(client_id AS STRING)
                    FROM (SELECT DISTINCT client_id FROM stage.stg_dispositions__dispositions)
                  UNION ALL SELECT div(row_id, 10), 'retail', 'orders', cast(row_id AS STRING) FROM stage.stg_retail__orders
                  UNION ALL SELECT id, 'web', 'visitor_map', concat('V', id) FROM synthetic_customers WHERE id % 10 >= 4
                )""");
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((table, select) -> {
            spark.sql("DROP TABLE IF EXISTS " + table);
            spark.sql("CREATE TABLE " + table + " USING iceberg AS " + select);
            counts.put(table, spark.table(table).count());
        });
        return counts;
    }
}
