-- The sessions whose hits to recompute: those with new or changed hits since the last build, and
-- sessions that appeared, went or changed customer in fct_web_sessions.
WITH sessions AS (
  SELECT session_id, customer_id FROM {{ ref('fct_web_sessions') }}
),
sessions_before AS (
  SELECT session_id, customer_id FROM {{ previous('fct_web_sessions') }}
)
SELECT session_id FROM {{ changed('stage.stg_web__hits') }}
UNION
SELECT session_id FROM (SELECT * FROM sessions EXCEPT SELECT * FROM sessions_before)
UNION
SELECT session_id FROM (SELECT * FROM sessions_before EXCEPT SELECT * FROM sessions)
