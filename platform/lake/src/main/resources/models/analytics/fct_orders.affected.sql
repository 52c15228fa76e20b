-- The order lines to recompute: those new or changed since the last build, and those whose
-- contact record resolved to another customer (or to none).
WITH contacts AS (
  SELECT record_key, customer_id FROM {{ ref('customer_identity') }} WHERE source = 'retail' AND entity = 'orders'
),
contacts_before AS (
  SELECT record_key, customer_id FROM {{ previous('customer_identity') }} WHERE source = 'retail' AND entity = 'orders'
)
SELECT row_id FROM {{ changed('stage.stg_retail__orders') }}
UNION
SELECT cast(record_key AS BIGINT) FROM (SELECT * FROM contacts EXCEPT SELECT * FROM contacts_before)
UNION
SELECT cast(record_key AS BIGINT) FROM (SELECT * FROM contacts_before EXCEPT SELECT * FROM contacts)
