-- The order lines to recompute: those new or changed since the last build, and those whose contact
-- record resolved to another customer (or to none).
SELECT row_id FROM {{ changed('stage.stg_retail__orders') }}
UNION
SELECT cast(record_key AS BIGINT) FROM {{ changed('customer_identity', 'source, entity, record_key, customer_id') }}
WHERE source = 'retail' AND entity = 'orders'
