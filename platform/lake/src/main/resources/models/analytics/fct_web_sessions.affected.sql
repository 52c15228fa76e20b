-- The sessions to recompute: those new or changed since the last build, those with new or changed
-- hits, and every session of a visitor whose customers changed.
WITH visitors AS (
  SELECT record_key, customer_id FROM {{ ref('customer_identity') }} WHERE source = 'web' AND entity = 'visitor_map'
),
visitors_before AS (
  SELECT record_key, customer_id FROM {{ previous('customer_identity') }} WHERE source = 'web' AND entity = 'visitor_map'
),
moved AS (
  SELECT record_key FROM (SELECT * FROM visitors EXCEPT SELECT * FROM visitors_before)
  UNION
  SELECT record_key FROM (SELECT * FROM visitors_before EXCEPT SELECT * FROM visitors)
)
SELECT session_id FROM {{ changed('stage.stg_web__sessions') }}
UNION
SELECT session_id FROM {{ changed('stage.stg_web__hits') }}
UNION
SELECT session_id FROM stage.stg_web__sessions WHERE full_visitor_id IN (SELECT record_key FROM moved)
