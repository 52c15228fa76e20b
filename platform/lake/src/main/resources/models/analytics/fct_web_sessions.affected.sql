-- The sessions to recompute: those new or changed since the last build, those with new or changed
-- hits, and every session of a visitor whose record resolved to other customers.
SELECT session_id FROM {{ changed('stage.stg_web__sessions') }}
UNION
SELECT session_id FROM {{ changed('stage.stg_web__hits') }}
UNION
SELECT session_id FROM stage.stg_web__sessions
WHERE full_visitor_id IN (
  SELECT record_key FROM {{ changed('customer_identity', 'source, entity, record_key, customer_id') }}
  WHERE source = 'web' AND entity = 'visitor_map'
)
