-- customer_360: one row per resolved customer (every customer_id of customer_identity), every
-- dimension computed as of the run's as-of date. Each source is aggregated to one row per
-- customer before it is joined, so no source multiplies another; a customer a source knows
-- nothing about gets nulls from it, never zeros. A build after the first recomputes only the
-- customers customer_360.affected.sql finds (in_scope); RFM scores come from customer_rfm.
WITH identity AS (
  SELECT source, entity, record_key, customer_id FROM {{ ref('customer_identity') }}
  WHERE {{ in_scope('customer_id') }}
),
customers AS (
  SELECT DISTINCT customer_id FROM identity
),
crm AS (
  SELECT * FROM (
    SELECT i.customer_id, c.*,
           row_number() OVER (PARTITION BY i.customer_id ORDER BY c.updated_at DESC NULLS LAST, c.client_id DESC) AS version_rank
    FROM identity i
    JOIN stage.stg_crm__customers c
      ON i.source = 'crm' AND i.entity = 'customers' AND i.record_key = cast(c.client_id AS STRING)
  ) WHERE version_rank = 1
),
dispositions AS (
  SELECT i.customer_id, d.disp_id, d.account_id, d.disposition_type
  FROM identity i
  JOIN stage.stg_dispositions__dispositions d
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
),
accounts AS (
  SELECT d.customer_id,
         count(DISTINCT a.account_id)                                            AS accounts_held,
         count(DISTINCT CASE WHEN d.disposition_type = 'owner' THEN a.account_id END) AS accounts_owned,
         min(a.created_at)                                                       AS first_acquisition_at,
         min_by(a.account_id, struct(a.created_at, a.account_id))                AS first_acquired_account_id,
         max(a.created_at)                                                       AS last_acquisition_at,
         max_by(a.account_id, struct(a.created_at, a.account_id))                AS last_acquired_account_id,
         sort_array(collect_set(cast(a.branch_id AS STRING)))                    AS branch_ids
  FROM dispositions d
  JOIN stage.stg_accounts__accounts a ON a.account_id = d.account_id
  WHERE to_date(a.created_at) <= DATE '{{ var('as_of') }}'
  GROUP BY d.customer_id
),
cards AS (
  SELECT d.customer_id, count(DISTINCT k.card_id) AS cards_held, sort_array(collect_set(k.card_type)) AS card_types
  FROM dispositions d
  JOIN stage.stg_cards__cards k ON k.disp_id = d.disp_id
  WHERE to_date(k.issued_at) <= DATE '{{ var('as_of') }}'
  GROUP BY d.customer_id
),
txn AS (
  SELECT t.customer_id,
         count_if(t.is_credit AND t.in_3m)                                                         AS credit_count_3m,
         cast(sum(CASE WHEN t.is_credit AND t.in_3m THEN t.cents END) / 100BD / count(CASE WHEN t.is_credit AND t.in_3m THEN t.cents END) AS DECIMAL(16,2)) AS credit_avg_3m,
         count_if(t.is_debit AND t.in_3m)                                                          AS debit_count_3m,
         cast(sum(CASE WHEN t.is_debit AND t.in_3m THEN t.cents END) / 100BD / count(CASE WHEN t.is_debit AND t.in_3m THEN t.cents END) AS DECIMAL(16,2))   AS debit_avg_3m,
         count_if(t.is_credit AND t.in_6m)                                                         AS credit_count_6m,
         cast(sum(CASE WHEN t.is_credit AND t.in_6m THEN t.cents END) / 100BD / count(CASE WHEN t.is_credit AND t.in_6m THEN t.cents END) AS DECIMAL(16,2)) AS credit_avg_6m,
         count_if(t.is_debit AND t.in_6m)                                                          AS debit_count_6m,
         cast(sum(CASE WHEN t.is_debit AND t.in_6m THEN t.cents END) / 100BD / count(CASE WHEN t.is_debit AND t.in_6m THEN t.cents END) AS DECIMAL(16,2))   AS debit_avg_6m,
         count_if(t.is_credit AND t.in_12m)                                                        AS credit_count_12m,
         cast(sum(CASE WHEN t.is_credit AND t.in_12m THEN t.cents END) / 100BD / count(CASE WHEN t.is_credit AND t.in_12m THEN t.cents END) AS DECIMAL(16,2)) AS credit_avg_12m,
         count_if(t.is_debit AND t.in_12m)                                                         AS debit_count_12m,
         cast(sum(CASE WHEN t.is_debit AND t.in_12m THEN t.cents END) / 100BD / count(CASE WHEN t.is_debit AND t.in_12m THEN t.cents END) AS DECIMAL(16,2))   AS debit_avg_12m,
         count_if(t.in_12m)                                                                        AS transactions_12m,
         min(t.transaction_date)                                                                   AS first_transaction_date,
         max(t.transaction_date)                                                                   AS last_transaction_date,
         count_if(t.is_debit AND t.amount >= 10000 AND t.in_12m)                                   AS large_withdrawals_12m
  FROM (
    -- averages from sums of whole cents: a sum of decimal(14,2) amounts is a 24-digit decimal, one BigInteger per row
    SELECT customer_id, is_credit, is_debit, amount, transaction_date, cast(amount * 100BD AS BIGINT) AS cents,
           transaction_date > add_months(DATE '{{ var('as_of') }}', -3)  AS in_3m,
           transaction_date > add_months(DATE '{{ var('as_of') }}', -6)  AS in_6m,
           transaction_date > add_months(DATE '{{ var('as_of') }}', -12) AS in_12m
    FROM {{ ref('fct_transactions') }}
    WHERE customer_id IS NOT NULL AND {{ in_scope('customer_id') }}
  ) t
  GROUP BY t.customer_id
),
account_days AS (
  -- end-of-day balance of each account on each day it moved (the day's last transaction)
  -- (a holder's rows are all of the account's transactions: in scope, the accounts its customers hold).
  -- The rows are spread by account first: grouping by day and the window over an account's days then need
  -- no other shuffle (a partial aggregation by day reduced nothing and its 9.75 M account-days were shuffled twice)
  SELECT account_id, transaction_date, max_by(balance, trans_id) AS day_balance
  FROM (SELECT /*+ REPARTITION(account_id) */ account_id, transaction_date, balance, trans_id
        FROM {{ ref('fct_transactions') }}
        WHERE {{ in_scope('customer_id') }})
  GROUP BY account_id, transaction_date
),
balance_periods AS (
  -- a day's balance holds until the account's next transaction day (or the day after as-of)
  SELECT b.account_id, b.transaction_date AS from_date, b.day_balance,
         coalesce(lead(b.transaction_date) OVER (PARTITION BY b.account_id ORDER BY b.transaction_date),
                  date_add(DATE '{{ var('as_of') }}', 1)) AS to_date
  FROM account_days b
),
account_risk AS (
  SELECT b.account_id,
         max_by(b.day_balance, b.from_date)                                                        AS balance_now,
         max_by(b.day_balance, b.from_date) FILTER (WHERE b.from_date <= add_months(DATE '{{ var('as_of') }}', -3))  AS balance_3m_ago,
         sum(CASE WHEN b.day_balance < 0
                  THEN greatest(0, datediff(b.to_date, greatest(b.from_date, date_add(add_months(DATE '{{ var('as_of') }}', -12), 1))))
                  ELSE 0 END)                                                                      AS overdraft_days_12m
  FROM balance_periods b
  GROUP BY b.account_id
),
balances AS (
  SELECT h.customer_id,
         sum(r.balance_now)                                                      AS balance_current,
         sum(r.balance_3m_ago)                                                   AS balance_3m_ago,
         sum(r.overdraft_days_12m)                                               AS overdraft_days_12m
  FROM (SELECT DISTINCT customer_id, account_id FROM dispositions) h
  JOIN account_risk r ON r.account_id = h.account_id
  GROUP BY h.customer_id
),
orders AS (
  SELECT o.customer_id,
         count(DISTINCT o.order_id)                                              AS order_count,
         count(DISTINCT CASE WHEN o.order_date > add_months(DATE '{{ var('as_of') }}', -12) THEN o.order_id END) AS orders_12m,
         cast(sum(o.sales) AS DECIMAL(18,2))                                     AS revenue,
         cast(sum(CASE WHEN o.order_date > add_months(DATE '{{ var('as_of') }}', -12) THEN o.sales ELSE 0 END) AS DECIMAL(18,2)) AS revenue_12m,
         min(o.order_date)                                                       AS first_order_date,
         max(o.order_date)                                                       AS last_order_date
  FROM {{ ref('fct_orders') }} o
  WHERE o.customer_id IS NOT NULL AND {{ in_scope('o.customer_id') }}
  GROUP BY o.customer_id
),
product_revenue AS (
  SELECT customer_id, product, industry, sum(sales) AS sales
  FROM {{ ref('fct_orders') }}
  WHERE customer_id IS NOT NULL AND {{ in_scope('customer_id') }}
  GROUP BY customer_id, product, industry
),
top_products AS (
  SELECT customer_id,
         max_by(product, struct(sales, product))                                 AS top_product
  FROM (SELECT customer_id, product, sum(sales) AS sales FROM product_revenue WHERE product IS NOT NULL GROUP BY customer_id, product)
  GROUP BY customer_id
),
top_industries AS (
  SELECT customer_id,
         max_by(industry, struct(sales, industry))                               AS top_industry
  FROM (SELECT customer_id, industry, sum(sales) AS sales FROM product_revenue WHERE industry IS NOT NULL GROUP BY customer_id, industry)
  GROUP BY customer_id
),
rfm AS (
  SELECT customer_id, recency_days, r_score, f_score, m_score FROM {{ ref('customer_rfm') }}
),
web AS (
  SELECT s.customer_id,
         count(*)                                                                AS sessions,
         count_if(s.session_date > add_months(DATE '{{ var('as_of') }}', -12))                     AS sessions_12m,
         sum(s.pageviews)                                                        AS pageviews,
         sum(s.hit_rows)                                                         AS hits,
         max(s.visit_start_at)                                                   AS last_visit_at,
         min(s.session_date)                                                     AS first_visit_date,
         cast(avg(CASE WHEN s.is_mobile THEN 1.0 WHEN NOT s.is_mobile THEN 0.0 END) AS DECIMAL(5,4)) AS mobile_share,
         sort_array(collect_set(s.traffic_source))                               AS traffic_sources,
         sort_array(collect_set(s.campaign))                                     AS campaigns
  FROM {{ ref('fct_web_sessions') }} s
  WHERE s.customer_id IS NOT NULL AND {{ in_scope('s.customer_id') }}
  GROUP BY s.customer_id
),
page_counts AS (
  SELECT customer_id, page_path, count(*) AS views
  FROM {{ ref('fct_web_hits') }}
  WHERE customer_id IS NOT NULL AND hit_type = 'page' AND page_path IS NOT NULL AND {{ in_scope('customer_id') }}
  GROUP BY customer_id, page_path
),
top_pages AS (
  SELECT customer_id,
         transform(slice(sort_array(collect_list(named_struct('rank', -views, 'path', page_path))), 1, 3), x -> x.path) AS top_page_paths
  FROM page_counts
  GROUP BY customer_id
),
joined AS (
  SELECT c.customer_id, DATE '{{ var('as_of') }}' AS as_of,
         crm.client_id, crm.first_name, crm.last_name, crm.email, crm.phone, crm.national_id, crm.gender,
         crm.birth_date, crm.age AS crm_age, crm.marital_status, crm.head_of_household, crm.home_ownership,
         crm.occupation, crm.annual_income, crm.address_city, crm.address_state, crm.address_country,
         crm.client_created_at, crm.consent_email, crm.consent_sms, crm.consent_phone, crm.preferred_channel,
         a.accounts_held, a.accounts_owned, a.first_acquisition_at, a.first_acquired_account_id,
         a.last_acquisition_at, a.last_acquired_account_id, a.branch_ids,
         k.cards_held, k.card_types,
         t.credit_count_3m, t.credit_avg_3m, t.debit_count_3m, t.debit_avg_3m,
         t.credit_count_6m, t.credit_avg_6m, t.debit_count_6m, t.debit_avg_6m,
         t.credit_count_12m, t.credit_avg_12m, t.debit_count_12m, t.debit_avg_12m,
         t.transactions_12m, t.first_transaction_date, t.last_transaction_date, t.large_withdrawals_12m,
         b.balance_current, b.balance_3m_ago, b.overdraft_days_12m,
         o.order_count, o.orders_12m, o.revenue, o.revenue_12m, o.first_order_date, o.last_order_date,
         tp.top_product, ti.top_industry, r.recency_days, r.r_score, r.f_score, r.m_score,
         w.sessions, w.sessions_12m, w.pageviews, w.last_visit_at, w.first_visit_date, w.mobile_share,
         w.traffic_sources, w.campaigns, w.hits, pg.top_page_paths
  FROM customers c
  LEFT JOIN crm ON crm.customer_id = c.customer_id
  LEFT JOIN accounts a ON a.customer_id = c.customer_id
  LEFT JOIN cards k ON k.customer_id = c.customer_id
  LEFT JOIN txn t ON t.customer_id = c.customer_id
  LEFT JOIN balances b ON b.customer_id = c.customer_id
  LEFT JOIN orders o ON o.customer_id = c.customer_id
  LEFT JOIN top_products tp ON tp.customer_id = c.customer_id
  LEFT JOIN top_industries ti ON ti.customer_id = c.customer_id
  LEFT JOIN rfm r ON r.customer_id = c.customer_id
  LEFT JOIN web w ON w.customer_id = c.customer_id
  LEFT JOIN top_pages pg ON pg.customer_id = c.customer_id
),
derived AS (
  SELECT j.*,
         CASE WHEN j.birth_date IS NOT NULL THEN cast(floor(months_between(j.as_of, j.birth_date) / 12) AS INT)
              ELSE j.crm_age END                                                  AS age_years,
         least(CASE WHEN to_date(j.client_created_at) <= j.as_of THEN to_date(j.client_created_at) END,
               to_date(j.first_acquisition_at), j.first_transaction_date, j.first_order_date, j.first_visit_date) AS first_relationship_date,
         greatest(j.last_transaction_date, j.last_order_date, to_date(j.last_visit_at)) AS last_interaction_date
  FROM joined j
)
SELECT
  customer_id,
  as_of                                                                           AS as_of_date,
  -- golden record
  client_id                                                                       AS crm_client_id,
  nullif(trim(concat_ws(' ', first_name, last_name)), '')                         AS full_name,
  first_name, last_name, email, phone, national_id, gender, birth_date,
  -- loyalty
  first_relationship_date,
  cast(round(months_between(as_of, first_relationship_date) / 12, 1) AS DECIMAL(5,1)) AS tenure_years,
  accounts_held,
  cards_held,
  CASE WHEN accounts_held IS NOT NULL OR cards_held IS NOT NULL
       THEN coalesce(accounts_held, 0) + coalesce(cards_held, 0) END              AS products_held,
  CASE WHEN transactions_12m IS NOT NULL OR sessions_12m IS NOT NULL OR orders_12m IS NOT NULL
       THEN coalesce(transactions_12m, 0) + coalesce(sessions_12m, 0) + coalesce(orders_12m, 0) END AS interactions_12m,
  transactions_12m, sessions_12m, orders_12m,
  last_interaction_date,
  datediff(as_of, last_interaction_date)                                          AS days_since_last_interaction,
  -- demographics
  age_years                                                                       AS age,
  CASE WHEN age_years IS NULL THEN NULL
       WHEN age_years < 18 THEN 'minor'
       WHEN age_years < 30 THEN 'young adult'
       WHEN age_years < 50 AND (marital_status = 'married' OR head_of_household) THEN 'family'
       WHEN age_years < 50 THEN 'adult'
       WHEN age_years < 65 THEN 'mature'
       ELSE 'senior' END                                                          AS life_stage,
  marital_status, head_of_household,
  annual_income,
  CASE WHEN annual_income IS NULL THEN NULL
       WHEN annual_income < 30000 THEN 'low'
       WHEN annual_income < 80000 THEN 'middle'
       WHEN annual_income < 200000 THEN 'upper middle'
       ELSE 'high' END                                                            AS income_band,
  home_ownership, occupation,
  address_city                                                                    AS city,
  address_state                                                                   AS region,
  address_country                                                                 AS country,
  -- marketing & communications
  consent_email, consent_sms, consent_phone, preferred_channel,
  CASE WHEN preferred_channel = 'email' AND consent_email THEN 'email'
       WHEN preferred_channel = 'sms' AND consent_sms THEN 'sms'
       WHEN preferred_channel = 'phone' AND consent_phone THEN 'phone'
       WHEN consent_email THEN 'email'
       WHEN consent_sms THEN 'sms'
       WHEN consent_phone THEN 'phone' END                                        AS contactable_channel,
  traffic_sources, campaigns,
  -- customer history
  credit_count_3m, debit_count_3m, credit_avg_3m, debit_avg_3m,
  credit_count_6m, debit_count_6m, credit_avg_6m, debit_avg_6m,
  credit_count_12m, debit_count_12m, credit_avg_12m, debit_avg_12m,
  balance_current, balance_3m_ago,
  balance_current - balance_3m_ago                                                AS balance_trend_3m,
  first_acquisition_at, first_acquired_account_id, last_acquisition_at, last_acquired_account_id,
  accounts_owned, card_types, branch_ids,
  first_transaction_date, last_transaction_date,
  -- value & shopping
  order_count, revenue, revenue_12m, first_order_date, last_order_date,
  top_product, top_industry,
  recency_days, r_score, f_score, m_score,
  CASE WHEN r_score IS NOT NULL THEN concat(r_score, f_score, m_score) END        AS rfm_segment,
  cast(revenue_12m * 3 AS DECIMAL(18,2))                                          AS clv_estimate,
  -- digital behaviour
  sessions, pageviews, hits, last_visit_at, first_visit_date, mobile_share, top_page_paths,
  -- risk
  overdraft_days_12m,
  large_withdrawals_12m,
  large_withdrawals_12m > 0                                                       AS large_withdrawal_flag
FROM derived
