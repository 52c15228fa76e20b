-- Retail order lines up to the as-of date with the customer their contact resolved to. A build
-- after the first recomputes only the lines fct_orders.affected.sql finds (in_scope).
SELECT
  o.row_id,
  o.order_id,
  i.customer_id,
  o.order_date,
  o.product,
  o.industry,
  o.segment,
  o.license,
  o.sales,
  o.quantity,
  o.discount,
  o.profit,
  o.country,
  o.city,
  o.region
FROM stage.stg_retail__orders o
LEFT JOIN {{ ref('customer_identity') }} i
  ON i.source = 'retail' AND i.entity = 'orders' AND i.record_key = cast(o.row_id AS STRING)
WHERE o.order_date <= DATE '{{ var('as_of') }}' AND {{ in_scope('o.row_id') }}
