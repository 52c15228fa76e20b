-- The customers whose keys to recompute: those whose records moved (to or from them), and those with
-- a CRM record or a retail contact changed since the last build.
WITH identity AS (
  SELECT source, entity, record_key, customer_id FROM {{ ref('customer_identity') }}
)
SELECT customer_id FROM {{ changed('customer_identity', 'source, entity, record_key, customer_id') }}
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_crm__customers') }} c
JOIN identity i ON i.source = 'crm' AND i.entity = 'customers' AND i.record_key = cast(c.client_id AS STRING)
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_retail__orders') }} o
JOIN identity i ON i.source = 'retail' AND i.entity = 'orders' AND i.record_key = cast(o.row_id AS STRING)
