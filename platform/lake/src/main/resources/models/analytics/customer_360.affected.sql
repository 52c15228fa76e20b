-- The customers to recompute: those any of whose records, or anything a record of theirs leads to
-- (accounts, cards, transactions, orders, sessions, hits, RFM scores), changed since the last build.
-- A fact row changes when its stage row or the identity of its record does: facts are reached
-- through the stage rows that changed, and records that moved through the identity map.
WITH identity AS (
  SELECT source, entity, record_key, customer_id FROM {{ ref('customer_identity') }}
),
dispositions AS (
  SELECT i.customer_id, d.disp_id, d.account_id
  FROM identity i
  JOIN stage.stg_dispositions__dispositions d
    ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(d.client_id AS STRING)
),
changed_dispositions AS (
  SELECT client_id FROM {{ changed('stage.stg_dispositions__dispositions') }}
  UNION
  SELECT client_id FROM {{ previous('stage.stg_dispositions__dispositions') }}
  WHERE disp_id IN (SELECT disp_id FROM {{ changed('stage.stg_dispositions__dispositions') }})
),
changed_cards AS (
  SELECT disp_id FROM {{ changed('stage.stg_cards__cards') }}
  UNION
  SELECT disp_id FROM {{ previous('stage.stg_cards__cards') }} WHERE card_id IN (SELECT card_id FROM {{ changed('stage.stg_cards__cards') }})
),
changed_accounts AS (
  SELECT account_id FROM {{ changed('stage.stg_accounts__accounts') }}
  UNION
  SELECT account_id FROM {{ changed('stage.stg_core__transactions') }}
),
changed_sessions AS (
  SELECT session_id FROM {{ changed('stage.stg_web__sessions') }}
  UNION
  SELECT session_id FROM {{ changed('stage.stg_web__hits') }}
)
-- records that moved to another customer, appeared or went: the customers they belong to now and before
SELECT customer_id FROM {{ changed('customer_identity', 'source, entity, record_key, customer_id') }}
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_crm__customers') }} c
JOIN identity i ON i.source = 'crm' AND i.entity = 'customers' AND i.record_key = cast(c.client_id AS STRING)
UNION
SELECT i.customer_id FROM changed_dispositions c
JOIN identity i ON i.source = 'dispositions' AND i.entity = 'dispositions' AND i.record_key = cast(c.client_id AS STRING)
UNION
SELECT customer_id FROM dispositions WHERE disp_id IN (SELECT disp_id FROM changed_cards)
UNION
SELECT customer_id FROM dispositions WHERE account_id IN (SELECT account_id FROM changed_accounts)
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_retail__orders') }} o
JOIN identity i ON i.source = 'retail' AND i.entity = 'orders' AND i.record_key = cast(o.row_id AS STRING)
UNION
SELECT customer_id FROM {{ changed('customer_rfm') }}
UNION
SELECT customer_id FROM {{ ref('fct_web_sessions') }} WHERE session_id IN (SELECT session_id FROM changed_sessions)
UNION
SELECT customer_id FROM {{ previous('fct_web_sessions') }} WHERE session_id IN (SELECT session_id FROM changed_sessions)
