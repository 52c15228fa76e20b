-- Web sessions up to the as-of date, one row per session. The visitor map is many-to-many
-- (a visitor id can be mapped to several clients); a session is attributed to exactly one
-- customer (the lowest customer_id its visitor resolves to), so no session is counted twice.
-- Hit counts are aggregated per session before the join: session totals are never joined to hit rows.
-- A build after the first recomputes only the sessions fct_web_sessions.affected.sql finds (in_scope).
WITH visitor_customer AS (
  SELECT record_key AS full_visitor_id, min(customer_id) AS customer_id, count(DISTINCT customer_id) AS visitor_customers
  FROM {{ ref('customer_identity') }}
  WHERE source = 'web' AND entity = 'visitor_map'
  GROUP BY record_key
), hit_counts AS (
  SELECT session_id, count(*) AS hit_rows, count_if(hit_type = 'page') AS page_hits
  FROM stage.stg_web__hits
  WHERE {{ in_scope('session_id') }}
  GROUP BY session_id
)
SELECT
  s.session_id,
  s.full_visitor_id,
  v.customer_id,
  v.visitor_customers,
  s.visit_start_at,
  s.session_date,
  s.channel_grouping,
  s.traffic_source,
  s.traffic_medium,
  s.campaign,
  s.device_category,
  s.is_mobile,
  s.country,
  s.region,
  s.city,
  s.hits,
  s.pageviews,
  h.hit_rows,
  h.page_hits,
  s.time_on_site_seconds,
  s.bounced,
  s.transactions,
  s.transaction_revenue
FROM stage.stg_web__sessions s
LEFT JOIN visitor_customer v ON v.full_visitor_id = s.full_visitor_id
LEFT JOIN hit_counts h ON h.session_id = s.session_id
WHERE s.session_date <= DATE '{{ var('as_of') }}' AND {{ in_scope('s.session_id') }}
