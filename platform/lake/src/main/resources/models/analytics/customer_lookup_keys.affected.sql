-- The customers whose keys to recompute: those whose records moved (appeared, went), and those
-- with a CRM record or a retail contact changed since the last build.
WITH identity AS (
  SELECT source, entity, record_key, customer_id FROM {{ ref('customer_identity') }}
),
identity_before AS (
  SELECT source, entity, record_key, customer_id FROM {{ previous('customer_identity') }}
)
SELECT customer_id FROM (SELECT * FROM identity EXCEPT SELECT * FROM identity_before)
UNION
SELECT customer_id FROM (SELECT * FROM identity_before EXCEPT SELECT * FROM identity)
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_crm__customers') }} c
JOIN identity i ON i.source = 'crm' AND i.entity = 'customers' AND i.record_key = cast(c.client_id AS STRING)
UNION
SELECT i.customer_id FROM {{ changed('stage.stg_retail__orders') }} o
JOIN identity i ON i.source = 'retail' AND i.entity = 'orders' AND i.record_key = cast(o.row_id AS STRING)
